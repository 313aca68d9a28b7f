#!/usr/bin/env python3
"""Deterministic generator of realistic Indonesian client rows as CSV, for imports and benchmarks.

usage: bench/gen_clients.py N [--seed S] [--bad K] [--regions wilayah.csv] > clients.csv

Names follow the naming customs of the region (Javanese, Sundanese, Batak, Minang, Bugis,
Balinese, eastern Indonesia), some hundreds of given and family names with their old spellings,
a quarter of Javanese, Sundanese, Minang and Bugis names with two given names; NIKs agree with the region (digits 1-6: the district), sex
(day + 40 for women) and birth date; people of one household share a KK number; about 8% have
no NIK (street children, homeless people) and carry the needs_id_documents flag. --bad K adds K
malformed rows (bad NIK, date, sex, region, PPKS) spread through the file. Region codes come from
the Kemendagri list when it is found (--regions, or ../shared/domain/wilayah.csv), else from a
small built-in list of districts.
"""
import argparse, csv, os, random, sys

BUILTIN = [("31.71.01", "Jakarta"), ("32.73.01", "Bandung"), ("35.78.01", "Surabaya"), ("33.74.01", "Semarang"),
           ("34.71.01", "Yogyakarta"), ("12.71.01", "Medan"), ("73.71.01", "Makassar"), ("51.71.01", "Denpasar"),
           ("13.71.01", "Padang"), ("53.71.01", "Kupang"), ("91.71.01", "Jayapura"), ("64.72.01", "Samarinda")]

# Given names (male, female) and family or second names by naming custom. A registry of a
# province holds thousands of distinct words; these lists give some hundreds, with the spelling
# variants that matter to search (Soekarno/Sukarno, Djoko/Joko, Muhammad/Moch./Muh./M.).
NAMES = {
    "java": (["Budi", "Agus", "Slamet", "Joko", "Wahyu", "Eko", "Bambang", "Teguh", "Sugeng", "Rudi", "Dimas", "Muhammad Rizki",
              "Soekarno", "Djoko", "Bayu", "Hendra", "Yusuf", "Arif", "Adi", "Ahmad", "Achmad", "Bagus", "Darmawan", "Dedi",
              "Edi", "Fajar", "Gunawan", "Hadi", "Haryanto", "Heru", "Imam", "Indra", "Irfan", "Lukman", "Mulyadi", "Nanang",
              "Nugroho", "Priyo", "Rahmat", "Riyadi", "Sigit", "Sukirman", "Sutrisno", "Suyatno", "Tono", "Untung", "Wawan",
              "Yanto", "Yudi", "Mochammad", "Moch. Ali", "Muhamad Fauzi", "M. Sholeh", "Supardi", "Tjahjo", "Wardoyo",
              "Paijo", "Ponimin", "Sudarsono", "Wahjoe", "Joesoef", "Soedirman", "Purwanto", "Kuncoro", "Wiji"],
             ["Siti", "Sri", "Dwi", "Endang", "Wulan", "Rina", "Tri", "Ayu", "Nur", "Lestari", "Indah", "Suci", "Ratna", "Dewi",
              "Kartini", "Sumarni", "Ani", "Anik", "Yuni", "Yanti", "Sulastri", "Sumiati", "Suparmi", "Tumini", "Wartini",
              "Murni", "Puji", "Rahmawati", "Retno", "Sari", "Setyowati", "Sundari", "Supriyati", "Titik", "Umi", "Wahyuni",
              "Widya", "Winarni", "Nurul", "Fitri", "Novi", "Erna", "Eni", "Harti", "Jumiati", "Kasmini", "Marsini",
              "Painem", "Poniyem", "Siti Aminah", "Siti Nurjanah", "Sri Wahyuni", "Soeharti", "Soemiati", "Tjitjik"],
             ["Santoso", "Wibowo", "Susanto", "Prasetyo", "Nurhaliza", "Rahayu", "Purnomo", "Hidayat", "Setiawan", "Kurniawan",
              "Wulandari", "Handayani", "Saputra", "Pratama", "Utomo", "Sulistyo", "Wijaya", "Kusuma", "Suryadi", "Hartono",
              "Sugiarto", "Haryono", "Sutanto", "Budiman", "Permadi", "Prasetya", "Susilo", "Suharto", "Widodo", "Mulyono",
              "Sucipto", "Sumarno", "Pamungkas", "Saputri", "Anggraini", "Puspitasari", "Kusumawati", "Fauzi", "Ramadhan",
              "Hidayati", "Safitri", "Oetomo", "Soeharto", "Soesanto", "Soelistyo", "Tjahjadi", "Djojohadikusumo",
              "Mangunkusumo", "Sastrowardoyo", "Notonegoro", "Hadiwijaya", "Pranoto", "Wirjono", "Soepomo"]),
    "sunda": (["Asep", "Ujang", "Dadang", "Cecep", "Deden", "Iwan", "Yayan", "Ade", "Dede", "Entis", "Aep", "Dadan", "Didin",
               "Encep", "Engkos", "Jajang", "Jaja", "Kosasih", "Maman", "Nandang", "Oman", "Ridwan", "Ruhiyat", "Tatang",
               "Usep", "Yana", "Yoyo", "Dodi", "Eman", "Hendi", "Iyan", "Otong", "Mochamad Ramdan", "Moch. Iqbal"],
              ["Euis", "Neneng", "Imas", "Cucu", "Yuyun", "Rini", "Tati", "Nining", "Enok", "Lilis", "Aas", "Ai", "Atikah",
               "Eneng", "Entin", "Heni", "Iis", "Ijah", "Ikah", "Iyah", "Lina", "Mimin", "Nani", "Nia", "Nurlaela", "Popon",
               "Rosita", "Tini", "Titin", "Wiwin", "Yati", "Yeni", "Yuli", "Ela", "Eha"],
              ["Sumarna", "Suhendar", "Hermawan", "Rustandi", "Permana", "Nugraha", "Kusnadi", "Supriatna", "Sobari", "Sukmana",
               "Rohmat", "Saepudin", "Sutisna", "Mulyana", "Kurniasih", "Rosmiati", "Suryana", "Setiadi", "Ruhiat",
               "Syarifudin", "Ramdani", "Sopandi", "Wiharja", "Kartasasmita", "Natawijaya", "Somantri", "Hendrayana"]),
    "batak": (["Hotman", "Parulian", "Togar", "Juan", "Rudolf", "Benny", "Marulam", "Poltak", "Bonar", "Sahat", "Tigor",
               "Binsar", "Jonner", "Manahan", "Saut", "Robert", "Jhonson", "Darwin", "Ferdinand", "Hasudungan", "Mangatas",
               "Martua", "Pangihutan", "Ronald", "Sabar", "Tumpal"],
              ["Rosmawati", "Tiur", "Lasma", "Nurhayati", "Dame", "Romauli", "Melva", "Rotua", "Nurmala", "Lamria",
               "Hotmaida", "Sondang", "Tionar", "Rosdiana", "Masniari", "Herlina", "Erna", "Lamtiur", "Rugun", "Saulina"],
              ["Siregar", "Nasution", "Simanjuntak", "Hutapea", "Sinaga", "Lubis", "Harahap", "Pardede", "Sitompul",
               "Panjaitan", "Situmorang", "Simatupang", "Hutagalung", "Manurung", "Silalahi", "Tambunan", "Pasaribu",
               "Sihombing", "Napitupulu", "Simbolon", "Tampubolon", "Sitorus", "Purba", "Saragih", "Damanik", "Ginting",
               "Tarigan", "Sembiring", "Hasibuan", "Ritonga", "Daulay", "Pohan"]),
    "minang": (["Rizal", "Afrizal", "Syahrul", "Yusrizal", "Zulkifli", "Hendri", "Asrul", "Darmansyah", "Edwar", "Fauzan",
                "Gusnadi", "Hasanuddin", "Irwan", "Jasman", "Khairul", "Masrul", "Nofrizal", "Rahmad", "Syafri", "Yulizar",
                "Zainal", "Buyung"],
               ["Yusnimar", "Fitriani", "Desmawati", "Rosnida", "Zuraida", "Yulia", "Asmawati", "Elfi", "Gusnita",
                "Hasnidar", "Jusmaniar", "Nurhasni", "Rosmaniar", "Syafrida", "Yenni", "Warni", "Deswita", "Elvira"],
               ["Chaniago", "Piliang", "Tanjung", "Koto", "Sikumbang", "Caniago", "Jambak", "Guci", "Sipisang", "Melayu",
                "Tanjuang", "Bendang", "Sumpadang", "Kampai"]),
    "bugis": (["Andi Muh.", "Syamsul", "Baharuddin", "Ramli", "Arifin", "Muh. Yusuf", "Abdul Rahman", "Abdullah", "Asri",
               "Basri", "Darwis", "Hamka", "Haris", "Ilham", "Jamaluddin", "Kamaruddin", "Muh. Amir", "Nasrullah", "Rusdi",
               "Saharuddin", "Sudirman", "Tamrin", "Yusran", "Zainuddin", "Andi Baso", "Muhammad Arsyad"],
              ["Andi Nurul", "Hasnah", "St. Aisyah", "Nurlela", "Rahmawati", "Andi Tenri", "Hasmiah", "Nurhaedah", "Irawati",
               "Jumriah", "Kasmawati", "Marwah", "Rosmini", "St. Hadijah", "Sitti Maryam", "Syamsiah", "Wahida",
               "Hadriani"],
              ["Daeng Ngalle", "Amiruddin", "Sultan", "Hamzah", "Yusuf", "Rahman", "Mappiasse", "Pawellangi", "Mattalatta",
               "Palallo", "Sinrang", "Daeng Tompo", "Lamba", "Mappangara", "Tappa", "Bakri", "Sabir", "Ismail", "Syarif",
               "Hakim"]),
    "bali": (["I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Gede", "I Kadek", "I Komang", "I Gusti Ngurah",
              "Ida Bagus", "I Nengah", "Anak Agung"],
             ["Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Luh", "Ni Kadek", "Ni Komang", "Ni Nengah",
              "Ida Ayu", "Ni Gusti Ayu"],
             ["Sudarsana", "Artawan", "Suastika", "Widiantari", "Ariani", "Astawa", "Suardana", "Sutama", "Wirawan",
              "Mahendra", "Adnyana", "Arsana", "Budiasa", "Eka Putra", "Juliantara", "Kartika", "Mertayasa", "Parwata",
              "Purnama", "Sudiarta", "Suparta", "Suwirya", "Swastika", "Wiradana", "Yasa", "Sukerta", "Suartini",
              "Sriani", "Yuliani", "Kusumawati"]),
    "east": (["Yohanes", "Marthen", "Frans", "Yosef", "Stefanus", "Agustinus", "Alfons", "Benediktus", "Daniel", "Elias",
              "Fredik", "Gabriel", "Hendrik", "Ignasius", "Kornelis", "Lukas", "Markus", "Melkias", "Nikolaus", "Petrus",
              "Paulus", "Simon", "Thomas", "Yakobus", "Yeremias", "Yunus", "Obed", "Septinus", "Otniel"],
             ["Maria", "Yuliana", "Agustina", "Theresia", "Fransiska", "Veronika", "Adriana", "Bernadeta", "Debora",
              "Elisabeth", "Florentina", "Katarina", "Magdalena", "Margaretha", "Martha", "Naomi", "Paulina", "Regina",
              "Rosalina", "Selvi", "Yohana", "Yustina", "Ester", "Mince", "Ruth"],
             ["Ndun", "Bunga", "Lake", "Manafe", "Wenda", "Mote", "Kogoya", "Fanggidae", "Tanone", "Bire", "Nenobais",
              "Pello", "Radja", "Lenggu", "Kana", "Messakh", "Adoe", "Tefa", "Taneo", "Benu", "Amalo", "Koreh", "Rumbiak",
              "Wambrauw", "Kareth", "Yoman", "Tabuni", "Wonda", "Murib", "Rumbewas", "Sanggenafa", "Mandowen", "Lobo",
              "Kolo", "Djami", "Ratu", "Riwu", "Seran", "Bria", "Nahak"]),
}
PROVINCE_CULTURE = {"12": "batak", "13": "minang", "32": "sunda", "36": "sunda", "51": "bali", "73": "bugis", "74": "bugis",
                    "76": "bugis", "53": "east", "81": "east", "82": "east", "91": "east", "92": "east", "93": "east", "94": "east",
                    "95": "east", "96": "east"}
STREETS = ["Jl. Merdeka", "Jl. Sudirman", "Gg. Melati", "Jl. Diponegoro", "Jl. Ahmad Yani", "Gg. Mawar", "Jl. Pahlawan"]
COMMON_PPKS = [24, 9, 8, 19, 25, 23, 17, 2, 11, 4]


def regions(path):
    if path is None:
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "domain", "wilayah.csv")
        path = here if os.path.exists(here) else None
    if path is None:
        return [(code + ".1001", code) for code, _ in BUILTIN]
    villages = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) == 2 and row[0].count(".") == 3:
                villages.append((row[0], row[0][:8]))
    return villages


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bad", type=int, default=0)
    ap.add_argument("--regions")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    villages = regions(args.regions)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["external_id", "nik", "kk", "name", "sex", "birth_date", "birth_place", "address", "region", "phone", "ppks", "flags"])
    serial = {}
    bad_every = args.n // args.bad if args.bad else 0
    household = None
    for i in range(args.n):
        village, district = villages[rnd.randrange(len(villages))] if household is None else household[0]
        culture = PROVINCE_CULTURE.get(village[:2], "java")
        male, female, family = NAMES[culture]
        female_p = rnd.random() < 0.5
        year = rnd.randint(1940, 2020)
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        given = rnd.choice(female if female_p else male)
        if culture in ("java", "sunda", "minang", "bugis") and " " not in given and rnd.random() < 0.25:
            given = "%s %s" % (given, rnd.choice(female if female_p else male))  # "Siti Nur", "Agus Budi"
        name = "%s %s" % (given, rnd.choice(family))
        if household is None and rnd.random() < 0.6:
            household = (village, district), "%s%02d%02d%02d%04d" % (district.replace(".", ""), rnd.randint(1, 28), rnd.randint(1, 12),
                                                                    rnd.randint(10, 25), rnd.randint(1, 9999)), rnd.randint(1, 4)
        kk = household[1] if household else ""
        street = rnd.random() < 0.08
        nik = ""
        if not street:
            d6 = district.replace(".", "")
            key = (d6, day, month, year % 100, female_p)
            serial[key] = serial.get(key, 0) + 1
            nik = "%s%02d%02d%02d%04d" % (d6, day + (40 if female_p else 0), month, year % 100, serial[key])
        row = ["src-%07d" % i, nik, kk, name, "F" if female_p else "M", "%04d-%02d-%02d" % (year, month, day),
               district, "" if street else "%s No. %d" % (rnd.choice(STREETS), rnd.randint(1, 150)), village,
               "08%02d%08d" % (rnd.randint(11, 99), rnd.randint(0, 99999999)) if rnd.random() < 0.5 else "",
               str(4 if street and year > 2005 else 11) if street else ";".join(str(c) for c in sorted(set(rnd.sample(COMMON_PPKS, rnd.randint(1, 2))))),
               "needs_id_documents" if street else ""]
        if bad_every and i % bad_every == bad_every // 2:
            kind = (i // bad_every) % 5
            if kind == 0:
                row[1] = "12345"               # NIK too short
            elif kind == 1:
                row[5] = "1999-02-30"          # no such date
            elif kind == 2:
                row[4] = "X"                   # sex
            elif kind == 3:
                row[8] = "99.99"               # unknown province
            else:
                row[10] = "77"                 # unknown PPKS code
        out.writerow(row)
        if household:
            left = household[2] - 1
            household = None if left <= 0 else (household[0], household[1], left)


if __name__ == "__main__":
    main()
