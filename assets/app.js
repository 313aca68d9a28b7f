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
})();
