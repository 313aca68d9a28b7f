/* app.js: optional progressive enhancement; every page works without it (ES5 for old phones). */
(function () {
  'use strict';

  function text(el) {
    return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
  }

  /* Forms with class "danger" ask before they submit, in the form's own words. */
  var forms = document.querySelectorAll('form.danger');
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener('submit', function (e) {
      var form = e.currentTarget;
      var button = e.submitter || form.querySelector('button, input[type=submit]');
      var action = button ? (text(button) || button.value || '') : '';
      var parts = [];
      var paras = form.querySelectorAll('p');
      for (var k = 0; k < paras.length; k++)
        if (text(paras[k])) parts.push(text(paras[k]));
      var question = (action ? action.replace(/[.!?]$/, '') + '?' : '') +
        (parts.length ? (action ? '\n\n' : '') + parts.join('\n') : '');
      if (question && !window.confirm(question))
        e.preventDefault();
    });
  }

  /* Without consent, the consent details are dimmed (still editable: nothing is lost). */
  var consent = document.getElementById('consent_given');
  var box = consent && consent.closest ? consent.closest('fieldset') : null;
  if (box) {
    var sync = function () {
      box.classList.toggle('consent-off', !consent.checked);
    };
    consent.addEventListener('change', sync);
    sync();
  }

  /* Printed documents have a print button (the browser's own print works as well). */
  var printers = document.querySelectorAll('button.print');
  for (var p = 0; p < printers.length; p++)
    printers[p].addEventListener('click', function () { window.print(); });

  /* Region pickers (web_region_picker): a province, regency, district and village chosen in turn,
   * or a region found by name, write their code into the region field, which stays the form's
   * value and works alone (without this script, or offline). The lists load when the picker is
   * opened, one level at a time. */
  var LENS = [2, 5, 8, 13];

  /* getJSON calls done(answer, status): the parsed answer, or null when there is none (status 0
   * when the server could not be reached). */
  function getJSON(url, done) {
    var x = new XMLHttpRequest();
    x.open('GET', url);
    x.setRequestHeader('Accept', 'application/json');
    x.onload = function () {
      var j = null;
      try { j = JSON.parse(x.responseText); } catch (err) { j = null; }
      done(x.status === 200 ? j : null, x.status);
    };
    x.onerror = function () { done(null, 0); };
    x.send();
  }

  function regionPicker(box) {
    var input = document.getElementById(box.getAttribute('data-for'));
    if (!input) return;
    var api = box.getAttribute('data-api');
    var selects = box.querySelectorAll('select[data-level]');
    var find = box.querySelector('input[data-find]');
    var found = box.querySelector('[data-found]');
    var noteEl = box.querySelector('[data-note]');
    var shown = document.getElementById('name-' + input.id);
    var timer = null, asked = 0, named = 0, opened = false, asks = [0, 0, 0, 0];
    box.hidden = false;
    /* The name under the field describes it, as its hint does. */
    if (shown) {
      var described = (input.getAttribute('aria-describedby') || '').split(/\s+/);
      if (described.indexOf(shown.id) < 0)
        input.setAttribute('aria-describedby', (described.join(' ') + ' ' + shown.id).replace(/^\s+/, ''));
    }

    /* note says why the lists are short (data-offline, data-unloaded), or nothing. */
    function note(which) {
      if (!noteEl) return;
      noteEl.textContent = which ? noteEl.getAttribute('data-' + which) : '';
      noteEl.hidden = !which;
    }

    /* clearFrom empties the levels from level down; an answer still on its way to one of them
     * is then dropped (asks). */
    function clearFrom(level) {
      for (var k = level - 1; k < selects.length; k++) {
        var sel = selects[k];
        asks[k]++;
        while (sel.options.length > 1) sel.remove(1);
        sel.value = '';
        sel.disabled = k > 0;
      }
    }

    /* The names of the chosen levels, nearest first: what the page shows under the code. */
    function describe() {
      var names = [];
      for (var k = selects.length - 1; k >= 0; k--)
        if (selects[k].value) names.push(selects[k].options[selects[k].selectedIndex].text);
      if (shown) shown.textContent = names.join(', ');
    }

    /* showName puts under the field the name of the region the code is, and nothing when the
     * list does not have it (or cannot be reached). */
    function showName(code) {
      var mine = ++named;
      if (!shown) return;
      if (!/^\d\d(\.\d\d(\.\d\d(\.\d{4})?)?)?$/.test(code)) {
        shown.textContent = '';
        return;
      }
      getJSON(api + '/' + encodeURIComponent(code), function (r) {
        if (mine !== named) return;
        shown.textContent = r ? r.name + (r.within ? ', ' + r.within : '') : '';
      });
    }

    /* fill lists the regions below parent in the select of level, and goes on down the levels
     * of code when it lies below. Only the answer to the last request of a level is used: an
     * earlier one may come later. */
    function fill(level, parent, code) {
      clearFrom(level);
      var sel = selects[level - 1], mine = ++asks[level - 1];
      getJSON(api + (parent ? '?parent=' + encodeURIComponent(parent) : ''), function (r, status) {
        if (mine !== asks[level - 1]) return;
        if (!r) {
          note('offline');
          opened = false; /* opened again, the picker asks again */
          return;
        }
        var items = r.items || [];
        clearFrom(level);
        for (var i = 0; i < items.length; i++) sel.add(new Option(items[i].name, items[i].code));
        sel.disabled = items.length === 0;
        note(items.length === 0 && level > 1 ? 'unloaded' : '');
        var part = code && code.length >= LENS[level - 1] ? code.substring(0, LENS[level - 1]) : '';
        if (part) sel.value = part;
        if (sel.selectedIndex < 0) sel.value = '';
        if (sel.value && level < selects.length && code.length > part.length) fill(level + 1, sel.value, code);
      });
    }

    function choose(level) {
      var sel = selects[level - 1];
      input.value = sel.value || (level > 1 ? selects[level - 2].value : '');
      if (sel.value && level < selects.length) fill(level + 1, sel.value, '');
      else clearFrom(level + 1);
      ++named; /* an answer about an earlier code must not replace this name */
      describe();
    }

    for (var k = 0; k < selects.length; k++)
      selects[k].addEventListener('change', (function (level) {
        return function () { choose(level); };
      })(k + 1));

    box.addEventListener('toggle', function () {
      if (box.open && !opened) {
        opened = true;
        note('');
        fill(1, '', input.value.trim());
      }
    });
    input.addEventListener('change', function () {
      var code = input.value.trim();
      showName(code);
      if (opened) fill(1, '', code);
    });

    function show(items) {
      while (found.firstChild) found.removeChild(found.firstChild);
      if (!items) return;
      if (items.length === 0) {
        var none = document.createElement('li');
        none.className = 'none';
        none.textContent = found.getAttribute('data-none');
        found.appendChild(none);
      }
      for (var i = 0; i < items.length; i++) {
        var li = document.createElement('li'), b = document.createElement('button'), small = document.createElement('small');
        b.type = 'button';
        b.setAttribute('data-code', items[i].code);
        b.appendChild(document.createTextNode(items[i].name + ' (' + items[i].code + ')'));
        small.textContent = items[i].within || '';
        b.appendChild(small);
        b.addEventListener('click', (function (r) {
          return function () {
            input.value = r.code;
            ++named;
            if (shown) shown.textContent = r.name + (r.within ? ', ' + r.within : '');
            find.value = '';
            show(null);
            fill(1, '', r.code);
            input.focus();
          };
        })(items[i]));
        li.appendChild(b);
        found.appendChild(li);
      }
    }

    /* Found by name within the chosen regency, else the chosen province, if any: the same
     * village name is in many. */
    find.addEventListener('input', function () {
      clearTimeout(timer);
      var text = find.value.replace(/^\s+|\s+$/g, '');
      if (text.length < 2) {
        ++asked; /* an answer still on its way is no longer wanted */
        show(null);
        return;
      }
      timer = setTimeout(function () {
        var mine = ++asked, within = selects[1].value || selects[0].value;
        getJSON(api + '?limit=25&q=' + encodeURIComponent(text) + (within ? '&parent=' + within : ''), function (r) {
          if (mine !== asked) return;
          if (!r) note('offline');
          else note('');
          show(r ? r.items || [] : null);
        });
      }, 250);
    });
    /* Enter in the search box must not send the form. */
    find.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.keyCode === 13) e.preventDefault();
    });
  }

  var pickers = document.querySelectorAll('.region-picker[data-for]');
  for (var r = 0; r < pickers.length; r++) regionPicker(pickers[r]);
})();
