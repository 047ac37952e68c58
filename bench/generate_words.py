"""Dutch vocabularies for bench.generate: themes and their subjects, cities, names, partner kinds.

Only data lives here; bench/generate.py decides how to combine it. Themes, the G4/G32 cities with
their join dates and the seed's partner kinds follow seed_data/ and notes/g4-g32-cities.md, so that
a synthetic bundle looks like the real network. Populations are approximate (around 2011).
"""

from __future__ import annotations

# --- Themes -------------------------------------------------------------------------------------
# slug -> name, description, theme keywords, subjects (question names with their own keywords) and
# activities (what an organisation with this home theme does, for descriptions).
THEMES: dict[str, dict] = {
    "lerende-stad": {
        "name": "Lerende Stad",
        "description": "Stedelijk thema rond leren, onderwijs en digitale vaardigheden.",
        "keywords": ["onderwijs", "leren", "scholen", "leerlingen", "docenten", "leermateriaal",
                     "e-learning", "mediawijsheid", "schoolbesturen", "lesmateriaal", "studenten",
                     "digitale vaardigheden", "bibliotheek", "talent", "educatie"],
        "subjects": [
            ("Digitaal lesmateriaal", ["lesmateriaal", "leermiddelen", "uitgevers", "content"]),
            ("Mediawijsheid", ["mediawijsheid", "jongeren", "sociale media", "ouders"]),
            ("Leven lang leren", ["volwassenenonderwijs", "omscholing", "e-learning", "werkenden"]),
            ("Laaggeletterdheid", ["taal", "laaggeletterdheid", "bibliotheek", "inburgering"]),
            ("Schoolnetwerken", ["schoolnetwerk", "werkplekbeheer", "wifi", "ict op school"]),
            ("Talentontwikkeling", ["talent", "techniekonderwijs", "stages", "excellentie"]),
        ],
        "activities": ["digitaal lesmateriaal ontwikkelt voor het basis- en voortgezet onderwijs",
                       "scholen ondersteunt bij ict en onderwijsvernieuwing",
                       "werkt aan mediawijsheid van kinderen en jongeren",
                       "cursussen en e-learning aanbiedt voor volwassenen",
                       "onderzoek doet naar leren met digitale middelen",
                       "leerlingen en docenten met elkaar verbindt"],
    },
    "onze-stad": {
        "name": "Onze Stad",
        "description": "Stedelijk thema rond bewoners, buurt, participatie en open overheid.",
        "keywords": ["bewoners", "buurt", "wijk", "participatie", "open data", "transparantie",
                     "vrijwilligers", "burgerinitiatief", "informele zorg", "datasets", "apps",
                     "democratie", "buurtwelzijn", "inspraak", "lokale informatie"],
        "subjects": [
            ("Open data", ["open data", "datasets", "hergebruik", "apps"]),
            ("(In)formele thuiszorg", ["mantelzorg", "informele zorg", "zorgplatform", "vrijwilligers"]),
            ("Burgerparticipatie", ["inspraak", "e-participatie", "burgerpanel", "raadpleging"]),
            ("Buurtplatforms", ["buurtwebsite", "wijkkrant", "buurtapp", "lokale informatie"]),
            ("Digitale dienstverlening", ["digitaal loket", "e-overheid", "formulieren", "klantcontact"]),
            ("Wijkbudgetten", ["wijkbudget", "bewonersinitiatief", "buurtbudget", "zelfbeheer"]),
        ],
        "activities": ["bewoners helpt om samen hun buurt te verbeteren",
                       "open data van overheden toegankelijk maakt",
                       "vrijwilligers en hulpvragers in de wijk aan elkaar koppelt",
                       "burgerparticipatie en inspraak online organiseert",
                       "buurtwebsites en wijkplatforms bouwt en beheert",
                       "de digitale dienstverlening van gemeenten verbetert"],
    },
    "zorgende-stad": {
        "name": "Zorgende Stad",
        "description": "Stedelijk thema rond zorg, welzijn en zelfstandig wonen.",
        "keywords": ["zorg", "ouderen", "thuiszorg", "e-health", "welzijn", "domotica", "eigen regie",
                     "zorg op afstand", "mantelzorg", "wijkverpleging", "patiënten", "zorgverzekeraar",
                     "langdurige zorg", "zelfstandig wonen", "beeldzorg"],
        "subjects": [
            ("Zorg op afstand", ["telezorg", "beeldzorg", "zorg op afstand", "dienstennetwerk"]),
            ("Langer zelfstandig wonen", ["domotica", "woningaanpassing", "levensloopbestendig", "senioren"]),
            ("E-health in de wijk", ["e-health", "huisarts", "zorgportaal", "wijkteam"]),
            ("Jeugdzorg digitaal", ["jeugdzorg", "gezinnen", "dossier", "privacy"]),
            ("Mantelzorgondersteuning", ["mantelzorgers", "respijtzorg", "ontlasten", "ondersteuning"]),
            ("Eigen regie", ["persoonsgebonden budget", "keuzevrijheid", "zelfredzaamheid", "regie"]),
        ],
        "activities": ["thuiszorg en wijkverpleging levert aan ouderen",
                       "zorg op afstand en beeldzorg mogelijk maakt",
                       "e-healthtoepassingen ontwikkelt voor patiënten en zorgverleners",
                       "ouderen helpt langer zelfstandig thuis te wonen",
                       "welzijnswerk en mantelzorgondersteuning biedt",
                       "zorg inkoopt en zorgvernieuwing stimuleert"],
    },
    "bedrijvige-stad": {
        "name": "Bedrijvige Stad",
        "description": "Stedelijk thema rond werken, ondernemen, bedrijvigheid en digitale infrastructuur.",
        "keywords": ["ondernemers", "bedrijven", "innovatie", "glasvezel", "flexwerkplekken",
                     "bedrijventerreinen", "werkgelegenheid", "infrastructuur", "het nieuwe werken",
                     "vastgoed", "investeerders", "startups", "breedband", "mkb", "economie"],
        "subjects": [
            ("Nieuwe flexplekken", ["flexwerkplekken", "innovatiefabriek", "het nieuwe werken", "leegstand"]),
            ("Bedrijventerreinen verglaasd", ["glasvezel", "fttb", "nutsvoorziening", "bedrijventerreinen"]),
            ("Ondergrondse infra planning", ["kabels en leidingen", "graafwerk", "overlast", "ondergrond"]),
            ("Startups en broedplaatsen", ["startups", "broedplaats", "incubator", "ondernemerschap"]),
            ("Digitale winkelstraat", ["winkeliers", "binnenstad", "webwinkel", "retail"]),
            ("Breedband in het buitengebied", ["breedband", "buitengebied", "ftth", "coöperatie"]),
        ],
        "activities": ["glasvezelnetwerken aanlegt op bedrijventerreinen",
                       "flexwerkplekken en bedrijfsruimte verhuurt",
                       "ondernemers en startups helpt groeien",
                       "kabels en leidingen in de ondergrond beheert",
                       "investeert in digitale infrastructuur en vastgoed",
                       "ict-diensten levert aan het mkb"],
    },
    "veilige-stad": {
        "name": "Veilige Stad",
        "description": "Stedelijk thema rond veiligheid, handhaving en crisisbeheersing.",
        "keywords": ["veiligheid", "politie", "cameratoezicht", "burgernet", "hulpdiensten",
                     "crisiscommunicatie", "brandweer", "handhaving", "criminaliteit", "buurtpreventie",
                     "cybercrime", "veiligheidsregio", "overlast", "meldingen", "toezicht"],
        "subjects": [
            ("Burgernet", ["burgernet", "buurtpreventie", "meldingen", "opsporing"]),
            ("Cameratoezicht", ["camera's", "toezicht", "privacy", "openbare ruimte"]),
            ("Crisiscommunicatie", ["crisis", "alarmering", "sociale media", "rampenbestrijding"]),
            ("Veilig uitgaan", ["uitgaansgebied", "horeca", "overlast", "handhaving"]),
            ("Cybercrime bij ondernemers", ["cybercrime", "beveiliging", "phishing", "digitale weerbaarheid"]),
            ("Veilige wijken", ["wijkagent", "woninginbraak", "buurtapp", "meldpunt"]),
        ],
        "activities": ["cameratoezicht en beveiliging verzorgt",
                       "burgers betrekt bij de veiligheid van hun buurt",
                       "hulpdiensten ondersteunt bij crisiscommunicatie",
                       "ondernemers beschermt tegen cybercrime",
                       "toezicht en handhaving in de openbare ruimte organiseert",
                       "onderzoek doet naar veiligheid en criminaliteit"],
    },
    "groene-stad": {
        "name": "Groene Stad",
        "description": "Stedelijk thema rond duurzaamheid, energie, mobiliteit en groen.",
        "keywords": ["duurzaamheid", "energie", "slimme meters", "smart grid", "zonne-energie",
                     "mobiliteit", "elektrisch vervoer", "co2", "afval", "groen", "warmtenet",
                     "energiebesparing", "luchtkwaliteit", "laadpalen", "circulaire economie"],
        "subjects": [
            ("Slimme energienetten", ["smart grid", "slimme meters", "netbeheer", "energieopslag"]),
            ("Elektrisch vervoer", ["laadpalen", "elektrisch rijden", "deelauto's", "mobiliteit"]),
            ("Energiebesparing in huurwoningen", ["isolatie", "energielabel", "huurders", "woningcorporaties"]),
            ("Lokale duurzame energie", ["zonnepanelen", "energiecoöperatie", "windenergie", "lokaal opwekken"]),
            ("Afval als grondstof", ["recycling", "grondstoffen", "circulair", "afvalscheiding"]),
            ("Luchtkwaliteit meten", ["luchtkwaliteit", "sensoren", "fijnstof", "meetnet"]),
        ],
        "activities": ["duurzame energie lokaal opwekt en levert",
                       "laadpalen en elektrisch vervoer mogelijk maakt",
                       "woningen energiezuinig maakt",
                       "afval inzamelt en grondstoffen terugwint",
                       "luchtkwaliteit en milieu meet",
                       "het energienet beheert en slimmer maakt"],
    },
}

# Variants that turn a subject into a more specific question name.
QUESTION_FOCUS = ["voor ouderen", "in de wijk", "in de binnenstad", "met bewoners", "voor het mkb",
                  "in de regio", "voor jongeren", "op grote schaal", "in krimpgebieden", "voor scholen",
                  "met open standaarden", "in kleine kernen"]

QUESTION_TEMPLATES = [
    "Hoe zorgen we ervoor dat {subject} {focus} echt van de grond komt?",
    "Hoe kunnen gemeenten samen met {kw1} en {kw2} werk maken van {subject}?",
    "Welk model is nodig om {kw1} en {kw2} {focus} duurzaam te organiseren?",
    "Hoe brengen we {kw1} en {kw2} bij elkaar zodat {subject} een succes wordt?",
    "Hoe krijgen we {subject} {focus} op schaal, met {kw1} als vertrekpunt?",
]

APPROACH_TEMPLATES = [
    ("We bundelen de vraag van een aantal Stedenlink-steden en ontwikkelen met partijen rond {kw1} en "
     "{kw2} een gezamenlijke businesscase."),
    "Kernbegrippen zijn {kw1}, {kw2} en {kw3}. Nodig zijn een trekker, mandaat en een goede methode.",
    ("Eerst inventariseren wat er al is rond {kw1}, dan met {kw2} een pilot opzetten in een paar steden "
     "en daarna opschalen."),
    ("Een coalitie van de willigen rond {kw1} die met open standaarden en {kw2} bouwt aan een duurzaam "
     "netwerk."),
]

STEP_TEMPLATES = [
    "Inventariseren wat er al is rond {kw}", "Coalition of the willing vormen", "Pilot opzetten rond {kw}",
    "Business case uitwerken", "Kwestie presenteren bij G32 bestuurlijk", "Gesprek met partijen rond {kw}",
    "Draaiboek maken", "Randvoorwaarden verhelderen", "Feedback via Stedenlink",
    "Opschalen naar andere steden", "Model definiëren en overeenkomen", "Een locatie per stad vinden",
    "A4'tje opstellen", "Visie en projectplan over {kw}",
]

# --- Cities -------------------------------------------------------------------------------------
G4 = [("Amsterdam", "Noord-Holland", 780000), ("Rotterdam", "Zuid-Holland", 610000),
      ("Den Haag", "Zuid-Holland", 495000), ("Utrecht", "Utrecht", 311000)]
CITY_ALIASES = {"Den Haag": ["'s-Gravenhage", "The Hague"], "'s-Hertogenbosch": ["Den Bosch"],
                "Leeuwarden": ["Ljouwert"]}

# G32 members with their join date: None = from before our sources (the G27 of the big-cities policy).
G32 = [
    ("Alkmaar", "Noord-Holland", 94000, None), ("Almelo", "Overijssel", 72000, None),
    ("Amersfoort", "Utrecht", 147000, None), ("Arnhem", "Gelderland", 148000, None),
    ("Breda", "Noord-Brabant", 175000, None), ("Deventer", "Overijssel", 98000, None),
    ("Dordrecht", "Zuid-Holland", 119000, None), ("Eindhoven", "Noord-Brabant", 216000, None),
    ("Emmen", "Drenthe", 109000, None), ("Enschede", "Overijssel", 158000, None),
    ("Groningen", "Groningen", 190000, None), ("Haarlem", "Noord-Holland", 151000, None),
    ("Heerlen", "Limburg", 89000, None), ("Helmond", "Noord-Brabant", 89000, None),
    ("Hengelo", "Overijssel", 81000, None), ("'s-Hertogenbosch", "Noord-Brabant", 141000, None),
    ("Leeuwarden", "Friesland", 95000, None), ("Leiden", "Zuid-Holland", 118000, None),
    ("Lelystad", "Flevoland", 76000, None), ("Maastricht", "Limburg", 120000, None),
    ("Nijmegen", "Gelderland", 164000, None), ("Schiedam", "Zuid-Holland", 76000, None),
    ("Sittard-Geleen", "Limburg", 94000, None), ("Tilburg", "Noord-Brabant", 206000, None),
    ("Venlo", "Limburg", 100000, None), ("Zaanstad", "Noord-Holland", 147000, None),
    ("Zwolle", "Overijssel", 121000, None),
    ("Almere", "Flevoland", 191000, "2009-04-28"), ("Apeldoorn", "Gelderland", 156000, "2009-04-28"),
    ("Ede", "Gelderland", 108000, "2009-04-28"), ("Haarlemmermeer", "Noord-Holland", 144000, "2009-04-28"),
    ("Zoetermeer", "Zuid-Holland", 122000, "2009-04-28"),
    ("Delft", "Zuid-Holland", 98000, "2011-03-01"), ("Gouda", "Zuid-Holland", 71000, "2011-03-01"),
    # Later joiners: not members in June 2011.
    ("Oss", "Noord-Brabant", 84000, "2014-05-01"), ("Roosendaal", "Noord-Brabant", 77000, "2014-09-01"),
    ("Alphen aan den Rijn", "Zuid-Holland", 72000, "2014-11-01"), ("Hoorn", "Noord-Holland", 71000, "2016-12-01"),
    ("Assen", "Drenthe", 67000, "2018-01-01"), ("Hilversum", "Noord-Holland", 85000, "2018-01-01"),
]

# Municipalities outside the G4 and G32 (Geldrop-Mierlo is in the report).
OTHER_CITIES = [
    ("Geldrop-Mierlo", "Noord-Brabant", 38000), ("Purmerend", "Noord-Holland", 79000),
    ("Veenendaal", "Utrecht", 63000), ("Katwijk", "Zuid-Holland", 62000), ("Westland", "Zuid-Holland", 102000),
    ("Nieuwegein", "Utrecht", 61000), ("Amstelveen", "Noord-Holland", 83000), ("Den Helder", "Noord-Holland", 57000),
    ("Hoogeveen", "Drenthe", 55000), ("Kampen", "Overijssel", 51000), ("Doetinchem", "Gelderland", 56000),
    ("Roermond", "Limburg", 57000), ("Bergen op Zoom", "Noord-Brabant", 66000),
    ("Vlaardingen", "Zuid-Holland", 71000), ("Capelle aan den IJssel", "Zuid-Holland", 66000),
    ("Spijkenisse", "Zuid-Holland", 72000), ("Harderwijk", "Gelderland", 45000), ("Zeist", "Utrecht", 61000),
    ("Tiel", "Gelderland", 41000), ("Middelburg", "Zeeland", 48000), ("Vlissingen", "Zeeland", 44000),
    ("Terneuzen", "Zeeland", 55000), ("Smallingerland", "Friesland", 55000), ("Meppel", "Drenthe", 32000),
    ("Waalwijk", "Noord-Brabant", 46000), ("Weert", "Limburg", 49000), ("Barneveld", "Gelderland", 54000),
    ("Woerden", "Utrecht", 49000), ("Houten", "Utrecht", 48000), ("Gorinchem", "Zuid-Holland", 35000),
]

PROVINCES = ["Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"]

# Ministries of 2011 with the theme closest to their work.
MINISTRIES = [
    ("Ministerie van Economische Zaken, Landbouw en Innovatie", ["EL&I"], "bedrijvige-stad"),
    ("Ministerie van Volksgezondheid, Welzijn en Sport", ["VWS"], "zorgende-stad"),
    ("Ministerie van Onderwijs, Cultuur en Wetenschap", ["OCW"], "lerende-stad"),
    ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["BZK"], "onze-stad"),
    ("Ministerie van Veiligheid en Justitie", ["V&J"], "veilige-stad"),
    ("Ministerie van Infrastructuur en Milieu", ["I&M"], "groene-stad"),
    ("Ministerie van Sociale Zaken en Werkgelegenheid", ["SZW"], "zorgende-stad"),
    ("Ministerie van Financiën", ["FIN"], "bedrijvige-stad"),
    ("Ministerie van Algemene Zaken", ["AZ"], "onze-stad"),
    ("Ministerie van Defensie", ["DEF"], "veilige-stad"),
    ("Ministerie van Buitenlandse Zaken", ["BUZA"], "bedrijvige-stad"),
]

# --- Organisation names -------------------------------------------------------------------------
# Word parts per theme for made-up company and initiative names (Datavorm, Zorgpunt, Glaslink, ...).
NAME_STEMS = {
    "lerende-stad": ["Leer", "Kennis", "School", "Wijs", "Les", "Talent", "Edu", "Boek", "Slim", "Denk"],
    "onze-stad": ["Buurt", "Wijk", "Stads", "Samen", "Data", "Burger", "Plein", "Open", "Mee", "Dorps"],
    "zorgende-stad": ["Zorg", "Thuis", "Vita", "Welzijn", "Care", "Hart", "Zilver", "Medi", "Leef", "Huis"],
    "bedrijvige-stad": ["Glas", "Net", "Werk", "Flex", "Infra", "Ondernemers", "Vezel", "Trade", "Bouw", "Link"],
    "veilige-stad": ["Veilig", "Wacht", "Alert", "Schild", "Baken", "Toezicht", "Secur", "Uitkijk", "Hoede", "Waak"],
    "groene-stad": ["Groen", "Energie", "Zon", "Wind", "Eco", "Blad", "Stroom", "Klimaat", "Water", "Lucht"],
}
NAME_TAILS = ["vorm", "punt", "link", "lab", "werk", "kracht", "net", "plaats", "wijzer", "bron", "kompas",
              "haven", "veld", "sprong", "brug", "kring", "poort", "stroom", "fabriek", "baken"]
COMPANY_SUFFIXES = ["", " BV", " Advies", " Groep", " ICT", " Solutions", " & Partners", " Nederland",
                    " Diensten", " Consult", " Systems", " Media"]
PLACE_NAMES = ["De Regenboog", "Het Kompas", "De Wegwijzer", "De Zonnewijzer", "De Vlinder", "Het Anker",
               "De Horizon", "De Klimop", "Het Baken", "De Linde", "De Eik", "Het Palet", "De Sterrenkijker",
               "De Boomgaard", "Het Mozaïek", "De Ontdekking", "De Springplank", "De Poort", "Het Spectrum",
               "De Waterlelie", "De Meander", "Het Startpunt", "De Bron", "De Akker", "De Zevensprong"]
NEIGHBOURHOODS = ["Centrum", "Oost", "West", "Noord", "Zuid", "Binnenstad", "Stadshart", "De Hoven",
                  "Vathorst", "Kanaleneiland", "Schilderswijk", "Bijlmer", "Lombok", "Transvaal", "Het Zand",
                  "De Kruidenbuurt", "Oud-Zuid", "De Vogelbuurt", "Rivierenwijk", "Tuindorp"]
REGIONS = ["Midden-Nederland", "Zuidoost-Brabant", "Twente", "Rijnmond", "Haaglanden", "Gelderland-Midden",
           "Noord-Holland Noord", "Zuid-Limburg", "Friesland", "Drenthe", "IJsselland", "Hollands Midden",
           "Kennemerland", "Flevoland", "Utrecht", "Amsterdam-Amstelland", "Brabant-Noord", "Zeeland",
           "Midden- en West-Brabant", "Gooi en Vechtstreek", "Limburg-Noord", "Groningen", "Zaanstreek-Waterland"]
PARTY_NAMES = ["Leefbaar", "Stadsbelang", "Lokaal Sterk", "Stadspartij", "Gemeentebelangen", "Burgerbelang",
               "Groen Lokaal", "Samen Verder", "Onafhankelijk", "Inwonersbelang"]
MEDIA_NAMES = ["Dagblad van {region}", "Omroep {city}", "{city} FM", "Stadskrant {city}", "{region} Nieuws",
               "Huis-aan-huisblad {city}", "{region} TV", "Weekblad {city}"]

# --- Organisation kinds -------------------------------------------------------------------------
# kind -> (sector or None for "pick from the list", allowed sectors, weight among generated
# organisations, home-theme affinity: theme slug -> weight, missing themes get weight 1).
KIND_PROFILE: dict[str, dict] = {
    "company": {"sectors": ["business"], "weight": 34, "themes": {}},
    "knowledge_institute": {"sectors": ["knowledge"], "weight": 7, "themes": {}},
    "school": {"sectors": ["knowledge"], "weight": 7, "themes": {"lerende-stad": 20}},
    "school_board": {"sectors": ["knowledge"], "weight": 2, "themes": {"lerende-stad": 20}},
    "care_provider": {"sectors": ["civil_society"], "weight": 6, "themes": {"zorgende-stad": 14, "onze-stad": 4}},
    "housing_corporation": {"sectors": ["civil_society"], "weight": 3,
                            "themes": {"onze-stad": 6, "zorgende-stad": 4, "groene-stad": 4}},
    "foundation": {"sectors": ["civil_society"], "weight": 8, "themes": {}},
    "community": {"sectors": ["civil_society"], "weight": 8, "themes": {"onze-stad": 5, "veilige-stad": 2}},
    "umbrella": {"sectors": ["business", "civil_society", "knowledge"], "weight": 4, "themes": {}},
    "media": {"sectors": ["business"], "weight": 2, "themes": {"onze-stad": 3}},
    "government_agency": {"sectors": ["government"], "weight": 4, "themes": {"veilige-stad": 5, "zorgende-stad": 2}},
    "political_party": {"sectors": ["government"], "weight": 2, "themes": {"onze-stad": 3}},
    "other": {"sectors": ["business", "civil_society", "knowledge"], "weight": 3, "themes": {}},
}

# How a description starts, per organisation kind.
KIND_PHRASE = {
    "municipality": "Gemeente", "province": "Provincie", "ministry": "Ministerie",
    "government_agency": "Uitvoeringsorganisatie", "city_network": "Stedennetwerk",
    "political_party": "Lokale politieke partij", "company": "Bedrijf",
    "knowledge_institute": "Kennisinstelling", "umbrella": "Branche- en koepelorganisatie",
    "foundation": "Stichting", "school": "School", "school_board": "Schoolbestuur",
    "care_provider": "Zorgaanbieder", "housing_corporation": "Woningcorporatie", "media": "Mediaorganisatie",
    "community": "Bewonersgroep", "other": "Organisatie",
}

# Job titles per sector.
TITLES = {
    "government": ["beleidsadviseur", "projectleider", "programmamanager", "wethouder", "raadslid",
                   "strateeg", "ambtenaar informatiebeleid", "gedeputeerde", "afdelingshoofd", "cio"],
    "business": ["directeur", "accountmanager", "consultant", "eigenaar", "innovatiemanager",
                 "business developer", "projectmanager", "architect", "ondernemer"],
    "knowledge": ["docent", "onderzoeker", "lector", "hoogleraar", "directeur", "ict-coördinator",
                  "promovendus", "adviseur onderwijsinnovatie"],
    "civil_society": ["coördinator", "bestuurslid", "vrijwilliger", "directeur", "programmamaker",
                      "wijkverpleegkundige", "opbouwwerker", "voorzitter", "adviseur"],
}
SIDE_TITLES = ["bestuurslid", "lid raad van toezicht", "vrijwilliger", "adviseur", "voorzitter"]

# --- Partner kinds ------------------------------------------------------------------------------
# (slug, name, aliases, sector, organisation_kind, org kinds that can be one, themes, keywords).
# The first block are the seed's kinds with the seed's ids; then kinds a synthetic network needs.
PARTNER_KINDS = [
    ("overheid", "Overheid", ["overheden"], "government", None,
     ["municipality", "province", "ministry", "government_agency", "city_network", "political_party"], [],
     ["overheid", "gemeente", "provincie", "ministerie", "beleid"]),
    ("ondernemingen", "Ondernemingen", ["bedrijfsleven", "bedrijven"], "business", "company",
     ["company", "media"], [], ["bedrijfsleven", "bedrijven", "ondernemers", "markt"]),
    ("omgeving", "Omgeving", ["maatschappelijk middenveld"], "civil_society", None,
     ["community", "foundation", "care_provider", "housing_corporation"], [],
     ["burgers", "bewoners", "maatschappelijk", "vrijwilligers"]),
    ("onderwijs-onderzoek", "Onderwijs/Onderzoek", ["kennisinstellingen", "onderwijs en onderzoek"],
     "knowledge", None, ["knowledge_institute", "school", "school_board"], [],
     ["onderwijs", "onderzoek", "kennis", "universiteit"]),
    ("traditionele-uitgever", "Traditionele uitgevers", ["traditionele uitgever"], "business", "company",
     ["company"], ["lerende-stad"], ["uitgever", "leermiddelen", "lesmateriaal"]),
    ("innovatieve-ontwikkelaar", "Innovatieve nieuwe ontwikkelaars", ["innovatieve ontwikkelaars"], "business",
     "company", ["company"], ["lerende-stad", "onze-stad", "bedrijvige-stad"], ["ontwikkelaar", "software", "startup"]),
    ("scholieren-als-eindgebruikers", "Scholieren als eindgebruikers", ["scholieren"], "civil_society", None,
     ["community"], ["lerende-stad"], ["scholieren", "leerlingen", "eindgebruikers"]),
    ("onderwijskoepel", "Onderwijskoepels", ["onderwijskoepel", "koepels"], "knowledge", "umbrella",
     ["umbrella"], ["lerende-stad"], ["koepel", "sectorraad", "schoolbesturen"]),
    ("groot-schoolbestuur", "Grote schoolbesturen", ["grote besturen"], "knowledge", "school_board",
     ["school_board"], ["lerende-stad"], ["schoolbestuur", "scholen", "inkoop"]),
    ("werkplekbeheerder", "Werkplekbeheerders", ["werkplekbeheer"], "business", "company",
     ["company"], ["lerende-stad", "bedrijvige-stad"], ["werkplekbeheer", "ict", "beheer"]),
    ("marktplaatsbeheerder", "Neutrale bouwers/beheerders van marktplaatsen", ["marktplaatsbeheerders"], None,
     None, ["company", "foundation", "other"], ["lerende-stad"], ["marktplaats", "platform", "neutraal"]),
    ("politiek", "Politiek", ["politici", "bestuurders"], "government", "political_party",
     ["political_party"], ["onze-stad"], ["politiek", "wethouder", "gemeenteraad", "mandaat"]),
    ("community", "Community", ["communities", "gemeenschap"], "civil_society", "community",
     ["community"], ["onze-stad", "veilige-stad"], ["community", "gemeenschap", "bewoners"]),
    ("databeheerder", "Databeheerders", ["data-eigenaren"], None, None,
     ["government_agency", "municipality", "company"], ["onze-stad"], ["data", "datasets", "registratie"]),
    ("lokale-overheid", "Lokale overheid", ["lokale overheden", "gemeenten"], "government", "municipality",
     ["municipality"], [], ["gemeente", "lokaal", "wethouder"]),
    ("regionale-overheid", "Regionale overheid", ["regionale overheden", "provincies"], "government", "province",
     ["province"], [], ["provincie", "regio", "gedeputeerde"]),
    ("regelgevende-overheid", "Regelgevende overheid", ["regelgever", "rijksoverheid"], "government", "ministry",
     ["ministry"], [], ["regelgeving", "ministerie", "rijk"]),
    ("woningcorporatie", "Woningcorporaties", ["woningcorporatie", "woningbouwcorporaties"], "civil_society",
     "housing_corporation", ["housing_corporation"], ["onze-stad", "zorgende-stad", "groene-stad"],
     ["woningcorporatie", "huurwoningen", "volkshuisvesting"]),
    ("ouderenbond", "Ouderenbonden", ["ouderenbond", "ouderenorganisaties"], "civil_society", "community",
     ["community", "umbrella"], ["zorgende-stad", "onze-stad"], ["ouderen", "senioren", "belangenbehartiging"]),
    ("zorgkantoor", "Zorgkantoren", ["zorgkantoor"], None, None, ["company", "government_agency"],
     ["zorgende-stad"], ["zorgkantoor", "zorginkoop", "awbz"]),
    ("ondernemer-zakelijk-perspectief", "Ondernemers met zakelijk perspectief", [], "business", "company",
     ["company"], ["bedrijvige-stad"], ["ondernemers", "zakelijk", "verdienmodel"]),
    ("vastgoedpartij", "Vastgoedpartij", ["vastgoedpartijen"], "business", "company", ["company"],
     ["bedrijvige-stad"], ["vastgoed", "panden", "leegstand"]),
    ("enthousiasteling-groot-netwerk", "Enthousiastelingen met groot netwerk", [], None, None,
     ["community", "other"], ["bedrijvige-stad", "onze-stad"], ["netwerk", "ambassadeurs", "enthousiasme"]),
    ("bedrijf-op-bedrijventerrein", "Afnemers / bedrijven op het terrein", ["bedrijven op het terrein"],
     "business", "company", ["company"], ["bedrijvige-stad"], ["bedrijventerrein", "afnemers"]),
    ("investeerder", "Investeerders", ["investeerder"], "business", None, ["company", "foundation"],
     ["bedrijvige-stad", "groene-stad"], ["investeren", "financiering", "kapitaal"]),
    ("bouwbedrijf", "Bouwbedrijven", ["bouwbedrijf"], "business", "company", ["company"],
     ["bedrijvige-stad", "groene-stad"], ["bouw", "aannemer", "graafwerk"]),
    ("dienstverlener", "Dienstverleners", ["dienstverlener"], "business", "company", ["company"],
     ["bedrijvige-stad"], ["diensten", "ict", "beheer"]),
    ("netwerkleverancier", "Netwerkleveranciers", ["netwerkleverancier"], "business", "company", ["company"],
     ["bedrijvige-stad", "lerende-stad"], ["glasvezel", "netwerk", "telecom"]),
    ("onderzoeksbureau-mkba", "Onderzoeksbureau voor maatschappelijke kosten-batenanalyse", ["mkba-bureau"],
     "knowledge", None, ["knowledge_institute", "company"], ["bedrijvige-stad"], ["mkba", "kosten-baten", "onderzoek"]),
    ("brancheorganisatie", "Brancheorganisaties", ["brancheorganisatie"], None, "umbrella", ["umbrella"], [],
     ["branche", "belangenbehartiging", "koepel"]),
    # --- Kinds a larger network needs -------------------------------------------------------------
    ("zorgaanbieder", "Zorgaanbieders", ["zorgaanbieder", "zorginstellingen"], "civil_society", "care_provider",
     ["care_provider"], ["zorgende-stad"], ["zorg", "thuiszorg", "verpleging"]),
    ("zorgverzekeraar", "Zorgverzekeraars", ["zorgverzekeraar"], "business", "company", ["company"],
     ["zorgende-stad"], ["zorgverzekering", "zorginkoop", "premie"]),
    ("welzijnsorganisatie", "Welzijnsorganisaties", ["welzijnsorganisatie", "welzijnswerk"], "civil_society",
     "foundation", ["foundation", "community"], ["zorgende-stad", "onze-stad"], ["welzijn", "opbouwwerk", "buurt"]),
    ("hogeschool", "Hogescholen", ["hogeschool"], "knowledge", "knowledge_institute", ["knowledge_institute"],
     [], ["hogeschool", "lectoraat", "studenten"]),
    ("universiteit", "Universiteiten", ["universiteit"], "knowledge", "knowledge_institute",
     ["knowledge_institute"], [], ["universiteit", "wetenschap", "onderzoek"]),
    ("fonds", "Fondsen", ["fonds", "vermogensfondsen"], "civil_society", "foundation", ["foundation"], [],
     ["fonds", "subsidie", "financiering"]),
    ("lokale-media", "Lokale media", ["lokale omroep", "regionale media"], "business", "media", ["media"],
     ["onze-stad", "veilige-stad"], ["media", "omroep", "nieuws", "campagne"]),
    ("energiebedrijf", "Energiebedrijven", ["energiebedrijf", "energieleveranciers"], "business", "company",
     ["company"], ["groene-stad"], ["energie", "levering", "duurzaam"]),
    ("netbeheerder", "Netbeheerders", ["netbeheerder"], "business", "company", ["company"],
     ["groene-stad", "bedrijvige-stad"], ["netbeheer", "elektriciteitsnet", "smart grid"]),
    ("milieuorganisatie", "Milieuorganisaties", ["milieuorganisatie", "natuur- en milieufederaties"],
     "civil_society", None, ["foundation", "community"], ["groene-stad"], ["milieu", "natuur", "klimaat"]),
    ("veiligheidsregio", "Veiligheidsregio's", ["veiligheidsregio"], "government", "government_agency",
     ["government_agency"], ["veilige-stad"], ["veiligheidsregio", "brandweer", "rampenbestrijding"]),
    ("politie", "Politie", ["politiekorpsen", "politiekorps"], "government", "government_agency",
     ["government_agency"], ["veilige-stad"], ["politie", "opsporing", "handhaving"]),
    ("beveiligingsbedrijf", "Beveiligingsbedrijven", ["beveiligingsbedrijf"], "business", "company", ["company"],
     ["veilige-stad"], ["beveiliging", "camera's", "alarm"]),
    ("bibliotheek", "Bibliotheken", ["bibliotheek"], "civil_society", None, ["foundation", "other"],
     ["lerende-stad", "onze-stad"], ["bibliotheek", "lezen", "mediawijsheid"]),
    ("telecombedrijf", "Telecombedrijven", ["telecombedrijf", "telecomaanbieders"], "business", "company",
     ["company"], ["bedrijvige-stad"], ["telecom", "breedband", "mobiel"]),
    ("softwarebedrijf", "Softwarebedrijven", ["softwarebedrijf", "softwareleveranciers"], "business", "company",
     ["company"], [], ["software", "applicaties", "maatwerk"]),
    ("vervoerder", "Vervoerders", ["vervoerder", "vervoersbedrijven"], "business", "company", ["company"],
     ["groene-stad"], ["vervoer", "openbaar vervoer", "mobiliteit"]),
    ("bewonersorganisatie", "Bewonersorganisaties", ["bewonersorganisatie", "bewonersverenigingen"],
     "civil_society", "community", ["community"], ["onze-stad", "veilige-stad"], ["bewoners", "wijk", "huurders"]),
]

# --- People -------------------------------------------------------------------------------------
FIRST_NAMES = [
    "Anna", "Anne", "Annemiek", "Anja", "Astrid", "Bas", "Bart", "Bram", "Carla", "Carolien", "Chantal",
    "Daan", "Dennis", "Dirk", "Edwin", "Els", "Elske", "Erik", "Esther", "Eva", "Femke", "Floor", "Frank",
    "Frederieke", "Gerard", "Gijs", "Hanneke", "Hans", "Harm", "Hein", "Henk", "Ilse", "Inge", "Ingrid",
    "Iris", "Jaap", "Jan", "Janneke", "Jasper", "Jeroen", "Joost", "Joris", "Jolanda", "Josephine", "Judith",
    "Karin", "Kees", "Koen", "Laura", "Lars", "Lieke", "Linda", "Lisa", "Lotte", "Maarten", "Manon",
    "Marcel", "Marieke", "Mariëlle", "Marjolein", "Mark", "Martijn", "Martin", "Maud", "Merel", "Michiel",
    "Mieke", "Monique", "Nanja", "Niels", "Nina", "Noor", "Olaf", "Patrick", "Paul", "Peter", "Petra",
    "Pieter", "Remco", "René", "Rian", "Rien", "Rik", "Rob", "Robert", "Roel", "Ronald", "Ruud", "Sander",
    "Sanne", "Saskia", "Sebastiaan", "Simone", "Sophie", "Stefan", "Stephan", "Suzanne", "Sven", "Thijs",
    "Thomas", "Tim", "Ton", "Vera", "Willem", "Wim", "Wouter", "Yvonne", "Ahmed", "Fatima", "Mohamed",
    "Samira", "Yusuf", "Ayşe", "Mehmet", "Priya", "Rajesh", "Chen", "Mei", "Kwame", "Naima", "Soufiane",
    "Dewi", "Rudi", "Ilona", "Emre", "Zeynep", "Lucas", "Julia", "Tess", "Max", "Fleur", "Ruben", "Jesse",
    "Nadia", "Hugo", "Mila", "Timo", "Evi", "Gert", "Hennie", "Ria", "Ad", "Mirjam", "Wilma", "Jacqueline",
]
INFIXES = ["", "", "", "", "", "van", "de", "van der", "van den", "van de", "ter", "den", "van 't", "in 't"]
SURNAMES = [
    "Aalbers", "Appel", "Arts", "Bakker", "Beckers", "Besters", "Betlem", "Bijlsma", "Boer", "Bos", "Bosch",
    "Brink", "Brouwer", "Casse", "Claassen", "Dekker", "Dijk", "Dries", "Ebbers", "Erve", "Gramberg",
    "Groot", "Haan", "Heuvel", "Herps", "Hendriks", "Hoekstra", "Huisman", "Jansen", "Janssen", "Jong",
    "Kemner", "Koenders", "Kok", "Koorevaar", "Kramer", "Kresin", "Kuijk", "Laarhoven", "Leeuwen", "Leijser",
    "Linden", "Meer", "Meijer", "Molen", "Mos", "Mulder", "Ouden", "Paap", "Peters", "Postma", "Reijnders",
    "Roosen", "Schouten", "Schroven", "Smit", "Smits", "Stiphout", "Swinkels", "Touwen", "Veen", "Verveen",
    "Visser", "Vos", "Vries", "Wal", "Willigen", "Wolter", "Wijk", "Berg", "Bergh", "Beek", "Bruin",
    "Driessen", "Evers", "Gerritsen", "Goossens", "Hermans", "Hoek", "Jacobs", "Kuipers", "Lammers",
    "Maas", "Martens", "Nieuwenhuis", "Oosterhout", "Prins", "Ramakers", "Rutten", "Sanders", "Scholten",
    "Timmermans", "Veenstra", "Verbeek", "Vermeulen", "Wouters", "Zwart", "Yilmaz", "Bouali", "El Amrani",
    "Öztürk", "Kaya", "Sardjoe", "Tjon", "Wong", "Lie", "Hassan", "Ramdin", "Mensah", "Pinas", "Doornbos",
    "Eijk", "Feenstra", "Geerts", "Graaf", "Haas", "Heijden", "Kamp", "Kooij", "Koster", "Lange", "Laan",
    "Loon", "Mertens", "Molenaar", "Noordhuis", "Pol", "Reus", "Sluis", "Steen", "Stok", "Teunissen",
    "Valk", "Velde", "Vink", "Weerd", "Westra", "Wit", "Zanden", "Zijlstra", "Bleeker", "Brugman", "Damen",
    "Elbers", "Franken", "Hofman", "Kuiper", "Mol", "Roos", "Schipper", "Sterk", "Venema", "Wiersma",
]
