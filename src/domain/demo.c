/* demo.c: a deterministic generator of Indonesian clients with valid NIKs, households and consent. */
#include "domain/demo.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/log.h"
#include "domain/account.h"
#include "domain/agency.h"
#include "domain/casework.h"
#include "domain/groupwork.h"
#include "domain/client.h"
#include <stdio.h>
#include <string.h>

const struct demo_login demo_logins[] = {
	{"admin", N_("admin: users and audit trail")},
	{"supervisor", N_("supervisor of worker and worker2")},
	{"worker", N_("social worker, pekerja sosial")},
	{"worker2", N_("social worker")},
	{"volunteer", N_("kader: minimum client data")},
	{"viewer", N_("aggregates only")},
	{NULL, NULL},
};

static const struct new_user demo_users[] = {
	{"supervisor", "Sri Wahyuni, S.Sos.", "supervisor", NULL, DEMO_PASSWORD, "id"},
	{"worker", "Budi Santoso", "worker", "supervisor", DEMO_PASSWORD, "id"},
	{"worker2", "Dewi Lestari", "worker", "supervisor", DEMO_PASSWORD, "id"},
	{"volunteer", "Ani Rahmawati", "volunteer", NULL, DEMO_PASSWORD, "id"},
	{"viewer", "Hendra Gunawan", "viewer", NULL, DEMO_PASSWORD, "en"},
};

/* A place: its district code and the given names and family names common there. */
struct demo_place {
	const char *district; /* PP.KK.CC */
	const char *city;
	const char *const *male, *const *female, *const *family;
};

static const char *const java_m[] = {"Budi", "Agus", "Slamet", "Joko", "Wahyu", "Eko", "Bambang", "Teguh", "Sugeng", "Rudi", "Muhammad Rizki", "Dimas", NULL};
static const char *const java_f[] = {"Siti", "Sri", "Dwi", "Endang", "Wulan", "Rina", "Tri", "Ayu", "Nur", "Lestari", "Indah", "Suci", NULL};
static const char *const java_s[] = {"Santoso", "Wibowo", "Susanto", "Prasetyo", "Nurhaliza", "Rahayu", "Purnomo", "Hidayat", "Setiawan", "Kurniawan", "Wulandari", "Handayani", NULL};
static const char *const sunda_m[] = {"Asep", "Ujang", "Dadang", "Cecep", "Deden", "Iwan", "Yayan", "Ade", NULL};
static const char *const sunda_f[] = {"Euis", "Neneng", "Imas", "Cucu", "Yuyun", "Rini", "Tati", "Nining", NULL};
static const char *const sunda_s[] = {"Sumarna", "Suhendar", "Hermawan", "Rustandi", "Permana", "Nugraha", "Kusnadi", NULL};
static const char *const batak_m[] = {"Hotman", "Parulian", "Togar", "Juan", "Rudolf", "Benny", NULL};
static const char *const batak_f[] = {"Rosmawati", "Tiur", "Lasma", "Nurhayati", "Dame", "Romauli", NULL};
static const char *const batak_s[] = {"Siregar", "Nasution", "Simanjuntak", "Hutapea", "Sinaga", "Lubis", "Harahap", NULL};
static const char *const bugis_m[] = {"Andi Muh.", "Syamsul", "Baharuddin", "Ramli", "Arifin", "Muh. Yusuf", NULL};
static const char *const bugis_f[] = {"Andi Nurul", "Hasnah", "St. Aisyah", "Nurlela", "Rahmawati", NULL};
static const char *const bugis_s[] = {"Daeng Ngalle", "Amiruddin", "Sultan", "Hamzah", "Yusuf", NULL};
static const char *const bali_m[] = {"I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", NULL};
static const char *const bali_f[] = {"Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", NULL};
static const char *const bali_s[] = {"Sudarsana", "Artawan", "Suastika", "Widiantari", "Ariani", NULL};
static const char *const minang_m[] = {"Rizal", "Afrizal", "Syahrul", "Yusrizal", "Zulkifli", NULL};
static const char *const minang_f[] = {"Yusnimar", "Fitriani", "Desmawati", "Rosnida", "Zuraida", NULL};
static const char *const minang_s[] = {"Chaniago", "Piliang", "Tanjung", "Koto", "Sikumbang", NULL};
static const char *const east_m[] = {"Yohanes", "Marthen", "Frans", "Yosef", "Stefanus", NULL};
static const char *const east_f[] = {"Maria", "Yuliana", "Agustina", "Theresia", "Fransiska", NULL};
static const char *const east_s[] = {"Ndun", "Bunga", "Lake", "Manafe", "Wenda", "Mote", NULL};

static const struct demo_place demo_places[] = {
	{"31.71.01", "Jakarta", java_m, java_f, java_s},
	{"32.73.01", "Bandung", sunda_m, sunda_f, sunda_s},
	{"35.78.01", "Surabaya", java_m, java_f, java_s},
	{"33.74.01", "Semarang", java_m, java_f, java_s},
	{"34.71.01", "Yogyakarta", java_m, java_f, java_s},
	{"12.71.01", "Medan", batak_m, batak_f, batak_s},
	{"73.71.01", "Makassar", bugis_m, bugis_f, bugis_s},
	{"51.71.01", "Denpasar", bali_m, bali_f, bali_s},
	{"13.71.01", "Padang", minang_m, minang_f, minang_s},
	{"53.71.01", "Kupang", east_m, east_f, east_s},
	{"91.71.01", "Jayapura", east_m, east_f, east_s},
};

static const char *const demo_streets[] = {"Jl. Merdeka", "Jl. Sudirman", "Gg. Melati", "Jl. Diponegoro", "Jl. Ahmad Yani", "Gg. Mawar", "Jl. Pahlawan", "Jl. Pasar Baru"};
static const char *const demo_notes[] = {
	"Ditemui saat penjangkauan malam di sekitar terminal.",
	"Dirujuk oleh kepala desa; keluarga meminta pendampingan.",
	"Datang sendiri ke kantor, mencari bantuan usaha kecil.",
	"Laporan tetangga: tinggal sendiri, jarang makan.",
	NULL,
};

struct demo_rng {
	uint64_t s;
};

static uint32_t demo_next(struct demo_rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (uint32_t)(r->s >> 11);
}

static int demo_pick_n(const char *const *list)
{
	int n = 0;
	while (list[n])
		n++;
	return n;
}

static const char *demo_pick(struct demo_rng *r, const char *const *list)
{
	return list[demo_next(r) % (uint32_t)demo_pick_n(list)];
}

static int demo_setting(struct db *db, const char *key, bool *set)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT 1 FROM setting WHERE key=?", "t", key);
	if (rc)
		return rc;
	rc = db_step(st);
	*set = rc == DB_ROW;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

static int demo_users_load(struct db *db, struct arena *a, int64_t org)
{
	for (unsigned i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
		struct user u;
		int rc = user_store_by_name(db, a, demo_users[i].name, &u);
		if (rc == 0)
			continue;
		if (rc != ERR_NOTFOUND)
			return rc;
		struct faults f = {0};
		rc = account_add(db, a, NULL, org, &demo_users[i], &f, &u);
		if (rc) {
			log_error("demo: user %s: %s", demo_users[i].name, f.n ? f.list[0].msg : "failed");
			return rc;
		}
	}
	return 0;
}

/* demo_client fills c with person number i; strings live in a. */
static void demo_client(struct arena *a, struct demo_rng *r, int i, struct client *c)
{
	const struct demo_place *p = &demo_places[demo_next(r) % (sizeof demo_places / sizeof demo_places[0])];
	bool female = demo_next(r) % 2;
	int year = 1950 + (int)(demo_next(r) % 62);
	int month = 1 + (int)(demo_next(r) % 12);
	int day = 1 + (int)(demo_next(r) % 28);
	memset(c, 0, sizeof *c);
	c->name = arena_printf(a, "%s %s", demo_pick(r, female ? p->female : p->male), demo_pick(r, p->family));
	c->sex = female ? "F" : "M";
	c->birth_date = arena_printf(a, "%04d-%02d-%02d", year, month, day);
	c->birth_place = p->city;
	c->region = arena_printf(a, "%s.%04d", p->district, 1001 + (int)(demo_next(r) % 5));
	c->address = arena_printf(a, "%s No. %d, RT %02d/RW %02d", demo_streets[demo_next(r) % 8], 1 + (int)(demo_next(r) % 120),
				  1 + (int)(demo_next(r) % 12), 1 + (int)(demo_next(r) % 9));
	bool street = demo_next(r) % 100 < 15; /* street children and homeless people often have no papers */
	if (street) {
		c->flags[c->nflags++] = "needs_id_documents";
		if (demo_next(r) % 2)
			c->flags[c->nflags++] = "no_fixed_address";
		c->ppks[c->nppks++] = year > 2005 ? 4 : 11;
		c->address = NULL;
	} else {
		char district[7] = {p->district[0], p->district[1], p->district[3], p->district[4], p->district[6], p->district[7], 0};
		c->nik = arena_printf(a, "%s%02d%02d%02d%04d", district, day + (female ? 40 : 0), month, year % 100, 1 + i);
		c->kk = arena_printf(a, "%s%02d%02d%02d%04d", district, 1 + (int)(demo_next(r) % 28), 1 + (int)(demo_next(r) % 12), 10 + (int)(demo_next(r) % 14), 1 + (int)(demo_next(r) % 9000));
		static const int common[] = {24, 9, 8, 19, 25, 23, 17, 2};
		c->ppks[c->nppks++] = common[demo_next(r) % 8];
		c->phone = demo_next(r) % 3 ? arena_printf(a, "08%02u-%04u-%04u", 11 + demo_next(r) % 80, demo_next(r) % 10000, demo_next(r) % 10000) : NULL;
	}
	if (demo_next(r) % 10 == 0) {
		c->disability[demo_next(r) % CLIENT_WG_DOMAINS] = 2 + (int)(demo_next(r) % 3);
		if (c->ppks[0] != 9)
			c->ppks[c->nppks++] = 9;
	}
	int members = street ? 0 : (int)(demo_next(r) % 5);
	for (int k = 0; k < members; k++) {
		struct household_member *m = &c->household[c->nhousehold++];
		bool child = k > 0 || demo_next(r) % 3 == 0;
		bool mf = demo_next(r) % 2;
		m->relation = child ? (mf ? "Anak perempuan" : "Anak laki-laki") : (female ? "Suami" : "Istri");
		if (!child)
			mf = !female;
		m->sex = mf ? "F" : "M";
		m->name = arena_printf(a, "%s %s", demo_pick(r, mf ? p->female : p->male), demo_pick(r, p->family));
		m->birth_date = arena_printf(a, "%04d-%02d-%02d", child ? year + 20 + (int)(demo_next(r) % 8) : year - 3 + (int)(demo_next(r) % 6),
					     1 + (int)(demo_next(r) % 12), 1 + (int)(demo_next(r) % 28));
		if (strcmp(m->birth_date, "2025-01-01") > 0)
			m->birth_date = "2019-06-15";
	}
	if (demo_next(r) % 5) {
		c->has_consent = true;
		c->consent.given_on = arena_printf(a, "2026-%02d-%02d", 1 + (int)(demo_next(r) % 10), 1 + (int)(demo_next(r) % 28));
		c->consent.scope = client_consent_scopes[demo_next(r) % 3];
		if (year >= 2007) {
			c->consent.guardian_name = arena_printf(a, "%s %s", demo_pick(r, p->female), demo_pick(r, p->family));
			c->consent.guardian_relation = "Ibu";
		}
	}
	c->notes = demo_notes[demo_next(r) % 5];
	c->confirm_duplicate = true;
}

/* demo_item records one item on a case from a JSON text; failures are reported and returned. */
static int demo_item(struct db *db, struct arena *a, const struct actor *who, const char *case_uid, const char *kind,
		     const char *json, const char **uid)
{
	json_error_t err;
	json_t *in = json_loads(json, 0, &err);
	if (in == NULL) {
		log_error("demo: bad item JSON for %s: %s", kind, err.text);
		return ERR_INVALID;
	}
	struct faults f = {0};
	struct case_item_view out;
	int rc = casework_add(db, a, who, case_uid, kind, in, NULL, &out, &f);
	json_decref(in);
	if (rc)
		log_error("demo: %s: %s %s", kind, f.n ? f.list[0].field : "", f.n ? f.list[0].msg : "");
	else if (uid)
		*uid = out.row.uid;
	return rc;
}

static int demo_move(struct db *db, struct arena *a, const struct actor *who, const char *case_uid, const char *to)
{
	const char *why = NULL;
	int rc = casework_move(db, a, who, case_uid, to, NULL, &why);
	if (rc)
		log_error("demo: move to %s: %s", to, why ? why : "failed");
	return rc;
}

static int demo_approve(struct db *db, struct arena *a, const struct actor *who, const struct actor *sup,
			const char *case_uid, const char *type)
{
	struct faults f = {0};
	struct case_item_view req;
	int rc = casework_request(db, a, who, case_uid, type, NULL, &req, &f);
	if (rc == 0)
		rc = casework_decide(db, a, sup, case_uid, req.row.uid, true, "Sudah sesuai, lanjutkan.", &f);
	if (rc)
		log_error("demo: approval of %s: %s", type, f.n ? f.list[0].msg : "failed");
	return rc;
}

/* demo_case opens a case for client_uid and carries it up to stage target (0 intake .. 6 aftercare)
 * with the records a worker makes on the way. */
static int demo_case(struct db *db, struct arena *a, const struct actor *who, const struct actor *sup,
		     const char *client_uid, int target, int n, const char *agency)
{
	static const char *const problems[][2] = {
		{"income", "Kehilangan pekerjaan sebagai buruh harian; tidak ada penghasilan tetap sejak tiga bulan."},
		{"family_relations", "Sering bertengkar dengan pasangan; anak-anak tinggal bersama nenek."},
		{"social_environment", "Dikucilkan tetangga setelah keluar dari lembaga pemasyarakatan."},
		{"housing", "Tinggal di bangunan semi permanen di bantaran sungai, rawan banjir."},
	};
	json_t *pr = json_pack("[{s:s,s:i,s:s}]", "category", problems[n % 4][0], "severity", 2 + n % 3, "description", problems[n % 4][1]);
	struct faults f = {0};
	struct case_view cv;
	int rc = casework_open(db, a, who, client_uid, pr, NULL, &cv, &f);
	json_decref(pr);
	if (rc) {
		log_error("demo: open case: %s", f.n ? f.list[0].msg : "failed");
		return rc;
	}
	const char *u = cv.row.uid;
	const char *goal = NULL, *father = NULL;
	rc = demo_item(db, a, who, u, "note", "{\"level\":\"normal\",\"body\":\"Pertemuan pertama di kantor. Klien datang diantar kader desa, bersedia mengikuti program.\"}", NULL);
	if (rc || target < 1)
		return rc;
	rc = demo_move(db, a, who, u, "assessment");
	if (rc == 0)
		rc = demo_item(db, a, who, u, "assessment",
			       "{\"date\":\"2026-09-10\",\"presenting_problem\":\"Klien tidak mampu memenuhi kebutuhan makan keluarga secara teratur.\","
			       "\"family_situation\":\"Tinggal bersama istri dan dua anak usia sekolah.\",\"strengths\":\"Terampil memperbaiki sepeda motor; didukung adik.\","
			       "\"basic_needs_score\":2,\"social_roles_score\":3,\"coping_score\":2,\"risk_level\":\"medium\"}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "person", "{\"name\":\"Suparman\",\"relation\":\"father\",\"sex\":\"M\",\"birth_year\":1950,\"deceased\":true}", &father);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "person", "{\"name\":\"Sumiati\",\"relation\":\"mother\",\"sex\":\"F\",\"birth_year\":1955}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "person", "{\"name\":\"Rina\",\"relation\":\"child\",\"sex\":\"F\",\"birth_year\":2012}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "tie", "{\"name\":\"Puskesmas Kecamatan\",\"type\":\"health\",\"strength\":\"weak\"}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "tie", "{\"name\":\"Masjid Al-Ikhlas\",\"type\":\"worship\",\"strength\":\"strong\"}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "tie", "{\"name\":\"Rentenir kampung\",\"type\":\"community\",\"strength\":\"stressful\"}", NULL);
	if (rc || target < 2)
		return rc;
	rc = demo_move(db, a, who, u, "planning");
	if (rc == 0)
		rc = demo_item(db, a, who, u, "goal",
			       "{\"text\":\"Memiliki penghasilan sendiri dari usaha bengkel kecil\",\"domain\":\"income\",\"target_date\":\"2027-03-31\","
			       "\"gas_minus2\":\"Tidak ada penghasilan\",\"gas_minus1\":\"Penghasilan tidak tentu di bawah Rp300.000 per bulan\","
			       "\"gas_0\":\"Penghasilan Rp300.000-Rp1.000.000 per bulan\",\"gas_plus1\":\"Penghasilan Rp1-2 juta per bulan\","
			       "\"gas_plus2\":\"Penghasilan lebih dari Rp2 juta dan bisa menabung\"}", &goal);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "task", "{\"text\":\"Mengikuti pelatihan montir di BLK\",\"owner\":\"client\",\"due\":\"2026-12-15\",\"status\":\"todo\"}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "task", n % 3 == 0 ? "{\"text\":\"Mengurus surat keterangan usaha di kelurahan\",\"owner\":\"worker\",\"due\":\"2026-10-01\",\"status\":\"todo\"}"
									     : "{\"text\":\"Mendampingi ke kantor kelurahan\",\"owner\":\"worker\",\"due\":\"2027-01-10\",\"status\":\"doing\"}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "resource", "{\"text\":\"Bantuan peralatan bengkel dari program ATENSI\"}", NULL);
	if (rc || target < 3)
		return rc;
	rc = demo_item(db, a, who, u, "signoff", "{\"date\":\"2026-09-20\",\"how\":\"thumbprint\"}", NULL);
	if (rc == 0)
		rc = demo_approve(db, a, who, sup, u, "plan");
	if (rc == 0)
		rc = demo_move(db, a, who, u, "intervention");
	if (rc == 0)
		rc = demo_item(db, a, who, u, "session",
			       "{\"date\":\"2026-10-02\",\"minutes\":60,\"place\":\"home_visit\",\"type\":\"counselling\",\"participants\":\"Klien dan istri\","
			       "\"note\":\"Membahas pembagian tugas rumah tangga dan rencana usaha.\",\"next_steps\":\"Survei lokasi bengkel\"}", NULL);
	if (rc == 0)
		rc = demo_item(db, a, who, u, "service",
			       "{\"date\":\"2026-10-05\",\"type\":\"material_aid\",\"atensi\":6,\"description\":\"Paket peralatan bengkel\",\"item\":\"Kunci set dan kompresor\",\"quantity\":1,\"value_idr\":2500000}", NULL);
	if (rc == 0 && agency) {
		char ref[400];
		snprintf(ref, sizeof ref, "{\"date\":\"2026-10-07\",\"agency\":\"%s\",\"reason\":\"Pemeriksaan kesehatan anak\",\"status\":\"accepted\",\"share_data\":false}", agency);
		rc = demo_item(db, a, who, u, "referral", ref, NULL);
	}
	if (rc == 0 && goal) {
		char rev[300];
		snprintf(rev, sizeof rev, "{\"date\":\"2026-10-30\",\"scores\":[{\"goal\":\"%s\",\"score\":-1}],\"basic_needs_score\":3,\"social_roles_score\":3,\"coping_score\":3}", goal);
		rc = demo_item(db, a, who, u, "review", rev, NULL);
	}
	if (rc || target < 4)
		return rc;
	rc = demo_move(db, a, who, u, "resocialisation");
	if (rc == 0 && goal) {
		char rev[300];
		snprintf(rev, sizeof rev, "{\"date\":\"2026-11-20\",\"scores\":[{\"goal\":\"%s\",\"score\":1}],\"basic_needs_score\":4,\"social_roles_score\":4,\"coping_score\":4}", goal);
		rc = demo_item(db, a, who, u, "review", rev, NULL);
	}
	if (rc || target < 5)
		return rc;
	rc = demo_item(db, a, who, u, "termination", "{\"date\":\"2026-11-25\",\"reason\":\"goals_reached\",\"outcome\":\"independent\",\"summary\":\"Bengkel berjalan, penghasilan cukup untuk kebutuhan keluarga.\"}", NULL);
	if (rc == 0)
		rc = demo_approve(db, a, who, sup, u, "closure");
	if (rc == 0)
		rc = demo_move(db, a, who, u, "termination");
	if (rc || target < 6)
		return rc;
	rc = demo_move(db, a, who, u, "aftercare");
	if (rc == 0)
		rc = demo_item(db, a, who, u, "followup", "{\"due\":\"2027-02-25\",\"note\":\"Kunjungan rumah tiga bulan setelah terminasi.\"}", NULL);
	(void)father;
	return rc;
}

/* demo_cases gives worker and worker2 two cases in every stage, and the office three agencies. */
static int demo_cases(struct db *db, struct arena *a)
{
	struct user w[2], s;
	int rc = user_store_by_name(db, a, "worker", &w[0]);
	if (rc == 0)
		rc = user_store_by_name(db, a, "worker2", &w[1]);
	if (rc == 0)
		rc = user_store_by_name(db, a, "supervisor", &s);
	if (rc)
		return rc;
	struct actor aw[2], as;
	account_actor(&w[0], &aw[0]);
	account_actor(&w[1], &aw[1]);
	account_actor(&s, &as);
	static const char *const agencies[] = {
		"{\"name\":\"Puskesmas Sukasari\",\"type\":\"health\",\"services\":\"Pemeriksaan kesehatan, imunisasi\",\"region\":\"32.73.01\",\"contact\":\"022-2011234\"}",
		"{\"name\":\"LBH Masyarakat\",\"type\":\"legal_aid\",\"services\":\"Bantuan hukum gratis\",\"contact\":\"021-3905678\"}",
		"{\"name\":\"BLK Kota\",\"type\":\"education\",\"services\":\"Pelatihan kerja: montir, menjahit, tata boga\"}",
	};
	const char *first_agency = NULL;
	for (int i = 0; rc == 0 && i < 3; i++) {
		json_t *in = json_loads(agencies[i], 0, NULL);
		struct faults f = {0};
		struct agency_row r;
		rc = agency_add(db, a, &aw[0], in, &r, &f);
		json_decref(in);
		if (rc == 0 && i == 0)
			first_agency = r.uid;
	}
	struct db_stmt *st;
	if (rc == 0)
		rc = db_query(db, &st, "SELECT uid FROM client WHERE consent IS NOT NULL AND archived_at IS NULL ORDER BY id LIMIT 14", "");
	const char *uids[14];
	int n = 0;
	while (rc == 0 && db_step(st) == DB_ROW && n < 14)
		uids[n++] = arena_strdup(a, db_col_text(st, 0));
	if (rc == 0)
		db_finalize(st);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = demo_case(db, a, &aw[i % 2], &as, uids[i], i / 2 % STAGE_COUNT, i, first_agency);
	return rc;
}

/* demo_groups: a remedial group of street children and a developmental group of women running
 * small businesses, each with members and a few sessions. */
static int demo_groups(struct db *db, struct arena *a)
{
	struct user w;
	int rc = user_store_by_name(db, a, "worker", &w);
	if (rc)
		return rc;
	struct actor aw;
	account_actor(&w, &aw);
	static const char *const groups[2] = {
		"{\"name\":\"Kelompok Anak Jalanan Terminal\",\"purpose\":\"remedial\",\"aim\":\"Membangun rasa percaya diri dan kebiasaan sekolah kembali\","
		"\"ppks\":[4],\"starts_on\":\"2026-09-01\",\"frequency\":\"Setiap Sabtu\",\"place\":\"Rumah singgah\",\"capacity\":10,"
		"\"status\":\"active\",\"cofacilitators\":[\"volunteer\"]}",
		"{\"name\":\"KUBE Perempuan Mandiri\",\"purpose\":\"developmental\",\"aim\":\"Mengembangkan usaha bersama dan kemampuan mengelola keuangan\","
		"\"ppks\":[23,24],\"starts_on\":\"2026-08-15\",\"frequency\":\"Dua minggu sekali\",\"place\":\"Balai desa\",\"capacity\":8,"
		"\"status\":\"active\"}",
	};
	static const char *const sql[2] = {
		"SELECT uid FROM client WHERE archived_at IS NULL AND birth_date > '2005-01-01' ORDER BY id LIMIT 6",
		"SELECT uid FROM client WHERE archived_at IS NULL AND sex = 'F' AND birth_date < '1995-01-01' ORDER BY id LIMIT 7",
	};
	static const char *const topics[4] = {"Perkenalan dan kesepakatan kelompok", "Mengenal diri sendiri", "Cita-cita dan rencana",
					      "Evaluasi bersama"};
	static const char *const dates[4] = {"2026-09-05", "2026-09-19", "2026-10-03", "2026-10-17"};
	for (int gi = 0; rc == 0 && gi < 2; gi++) {
		json_t *in = json_loads(groups[gi], 0, NULL);
		struct faults f = {0};
		struct group_view g;
		rc = groupwork_create(db, a, &aw, in, &g, &f);
		json_decref(in);
		if (rc) {
			log_error("demo: group: %s", f.n ? f.list[0].msg : "failed");
			return rc;
		}
		struct db_stmt *st;
		const char *members[8];
		int n = 0;
		rc = db_query(db, &st, sql[gi], "");
		while (rc == 0 && db_step(st) == DB_ROW && n < 8)
			members[n++] = arena_strdup(a, db_col_text(st, 0));
		if (rc == 0)
			db_finalize(st);
		for (int i = 0; rc == 0 && i < n; i++) {
			const char *mu;
			rc = groupwork_join(db, a, &aw, g.row.uid, members[i], "2026-09-01", "Rujukan pekerja sosial", &mu, &f);
		}
		const char *goal = NULL;
		if (rc == 0) {
			json_t *gin = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "domain", "social_roles", "text",
						gi ? "Anggota mencatat keuangan usaha setiap minggu" : "Anggota hadir dan berani berbicara di kelompok",
						"gas_minus2", "Tidak ada anggota", "gas_minus1", "Kurang dari separuh anggota", "gas_0",
						"Separuh anggota", "gas_plus1", "Sebagian besar anggota", "gas_plus2", "Semua anggota");
			rc = groupwork_add_goal(db, a, &aw, g.row.uid, gin, &goal, &f);
			json_decref(gin);
		}
		for (int s = 0; rc == 0 && s < 4; s++) {
			json_t *att = json_array();
			for (int i = 0; i < n; i++) {
				const char *status = (i + s) % 5 == 0 ? "absent" : (i + s) % 7 == 0 ? "excused" : "present";
				json_t *e = json_pack("{s:s,s:s}", "client", members[i], "status", status);
				if (strcmp(status, "present") == 0)
					json_object_set_new(e, "participation", json_integer(1 + (i + s * 2) % 5));
				if (i == 0 && strcmp(status, "present") == 0)
					json_object_set_new(e, "observation", json_string("Mulai berani bercerita tentang keluarganya."));
				json_array_append_new(att, e);
			}
			json_t *sin = json_pack("{s:s,s:s,s:s,s:{s:s,s:s},s:o,s:[{s:s,s:i}]}", "date", dates[s], "phase",
						s == 0 ? "beginning" : s == 3 ? "ending" : "working", "topic", topics[s], "notes",
						"atmosphere", "Santai, anggota saling menyapa", "techniques", "Permainan peran, diskusi kelompok kecil",
						"attendance", att, "goal_scores", "goal", goal, "score", s - 2 < -1 ? -1 : s - 2);
			const char *su;
			rc = groupwork_record(db, a, &aw, g.row.uid, sin, NULL, &su, &f);
			json_decref(sin);
			if (rc)
				log_error("demo: group session: %s %s", f.n ? f.list[0].field : "", f.n ? f.list[0].msg : "failed");
		}
	}
	return rc;
}

int demo_load(struct db *db, int64_t org, int nclients)
{
	struct arena a;
	arena_init(&a);
	int rc = demo_users_load(db, &a, org);
	bool done = false;
	if (rc == 0)
		rc = demo_setting(db, "demo_clients", &done);
	struct user w;
	if (rc == 0 && !done)
		rc = user_store_by_name(db, &a, "worker", &w);
	if (rc == 0 && !done) {
		struct actor actor;
		account_actor(&w, &actor);
		struct demo_rng r = {0x9e3779b97f4a7c15ull};
		for (int i = 0; rc == 0 && i < nclients; i++) {
			struct arena ca;
			arena_init(&ca);
			struct client c;
			struct client_result res = {0};
			demo_client(&ca, &r, i, &c);
			rc = client_create(db, &ca, &actor, &c, &res);
			if (rc)
				log_error("demo: client %d (%s): %s %s", i, c.name, res.faults.n ? res.faults.list[0].field : "",
					  res.faults.n ? res.faults.list[0].msg : "");
			arena_free(&ca);
		}
		if (rc == 0)
			rc = db_run(db, "INSERT INTO setting(key, value) VALUES ('demo_clients', 'loaded')", "");
	}
	bool cases = false;
	if (rc == 0)
		rc = demo_setting(db, "demo_cases", &cases);
	if (rc == 0 && !cases) {
		rc = demo_cases(db, &a);
		if (rc == 0)
			rc = db_run(db, "INSERT INTO setting(key, value) VALUES ('demo_cases', 'loaded')", "");
	}
	bool groups = false;
	if (rc == 0)
		rc = demo_setting(db, "demo_groups", &groups);
	if (rc == 0 && !groups) {
		rc = demo_groups(db, &a);
		if (rc == 0)
			rc = db_run(db, "INSERT INTO setting(key, value) VALUES ('demo_groups', 'loaded')", "");
	}
	arena_free(&a);
	return rc;
}
