#include "precis/text/abbreviations.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace precis::text {
namespace {

using WordSet = std::unordered_set<std::string_view>;

struct Lexicon {
  WordSet titles;
  WordSet number_prefixes;
  WordSet months;
  WordSet general;
  WordSet inner;
  WordSet starters;
  WordSet prepositions;
  WordSet credit_labels;
  WordSet month_names;
};

Lexicon english() {
  Lexicon l;
  l.titles = {"mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "profs", "gen", "gens", "lt", "col",
              "maj", "capt", "cpt", "cmdr", "cdr", "adm", "brig", "sgt", "cpl", "pvt", "gov", "govs", "sen",
              "sens", "rep", "reps", "rev", "hon", "pres", "supt", "insp", "det", "atty", "amb", "st",
              "mt", "ft", "fr", "msgr", "sr", "sra", "mme", "mlle", "rt", "mssrs", "lieut", "comdr",
              "ste", "gov't", "sec", "secy", "treas", "asst", "assoc", "dir", "pfc", "spc"};
  l.number_prefixes = {"no", "nos", "nr", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts", "ch",
                       "chap", "sect", "para", "pt", "pts", "op", "n\xc2\xb0", "n\xc2\xba", "ca", "approx",
                       "tel", "ext", "rm", "apt", "ste", "hwy", "rte", "bldg", "ed", "eds", "vs", "v", "ex",
                       "ref", "est", "pg", "col", "ser"};
  l.months = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
  l.general = {"inc", "co", "corp", "ltd", "llc", "plc", "bros", "jr", "sr", "esq", "phd", "etc", "u.s",
               "u.k", "u.n", "e.u", "a.m", "p.m", "dept", "univ", "assn", "ave", "blvd", "rd", "ln", "mfg",
               "govt", "intl", "natl", "lb", "lbs", "oz", "mi", "yr", "yrs", "min", "mins", "hr", "hrs",
               "sq", "dist", "div", "al", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
               "sun", "cal", "calif", "conn", "fla", "ga", "ill", "ind", "kan", "ky", "la", "mass", "md",
               "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va",
               "vt", "wash", "wis", "wyo", "ariz", "ark", "colo", "del", "ida", "ia", "me", "ok", "dak",
               "b.c", "a.d", "d.c", "l.a", "n.y", "u.s.a", "ph.d", "m.d", "b.a", "m.a", "b.s", "m.s",
               "bros", "cos", "corps", "dept", "depts", "natl", "assoc", "mt", "pty", "s.a", "n.v", "ag"};
  l.inner = {"e.g", "i.e", "cf", "viz", "vs", "eg", "ie", "etc.,"};
  l.starters = {
      "the", "a", "an", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they",
      "we", "i", "you", "his", "her", "their", "our", "my", "your", "but", "and", "or", "so", "yet", "however",
      "meanwhile", "then", "also", "in", "on", "at", "for", "from", "with", "after", "before", "when",
      "while", "if", "as", "although", "though", "because", "since", "during", "what", "who", "why", "how",
      "where", "which", "did", "do", "does", "is", "are", "was", "were", "can", "could", "will", "would",
      "should", "shall", "may", "might", "must", "has", "have", "had", "not", "no", "some", "many", "most",
      "all", "both", "each", "every", "one", "two", "three", "last", "earlier", "later", "today",
      "yesterday", "tomorrow", "according", "mr", "mrs", "ms", "dr", "to", "by", "under", "over", "once",
      "still", "even", "only", "such", "other", "another", "now", "thus", "therefore", "instead",
      "despite", "among", "several", "few", "more", "let", "please", "nor", "unlike", "like", "whether",
      "until", "about", "officials", "police", "critics", "people"};
  l.prepositions = {"at", "in", "on", "by", "before", "after", "until", "till", "from", "since",
                    "around", "about", "near", "until", "during", "toward", "towards"};
  l.credit_labels = {"image", "images", "photo", "photos", "photograph", "picture", "video", "credit",
                     "caption", "graphic", "illustration"};
  l.month_names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december"};
  return l;
}

Lexicon german() {
  Lexicon l;
  l.titles = {"hr", "hrn", "fr", "frl", "dr", "prof", "st", "dipl", "ing", "mag"};
  l.number_prefixes = {"nr", "s", "bd", "abs", "art", "kap", "ca", "tel", "vgl", "z", "n\xc2\xb0"};
  l.months = {"jan", "feb", "m\xc3\xa4rz", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez"};
  l.general = {"usw", "etc", "bzw", "str", "gmbh", "ag", "u.a", "o.\xc3\xa4", "ggf", "evtl", "inkl", "jh",
               "jhd", "mio", "mrd", "tsd", "v.chr", "n.chr", "e.v"};
  l.inner = {"z.b", "d.h", "u.a", "bzw", "vgl", "sog", "u.\xc3\xa4", "z.t", "i.d.r", "s.o", "s.u"};
  l.starters = {"der", "die", "das", "ein", "eine", "er", "sie", "es", "wir", "ich", "ihr", "aber", "und",
                "doch", "dann", "auch", "in", "im", "am", "an", "auf", "mit", "nach", "vor", "wenn", "als",
                "was", "wer", "wie", "wo", "warum", "dies", "diese", "dieser", "man", "nicht", "so"};
  l.prepositions = {"am", "um", "im", "an", "ab", "seit", "bis", "vor", "nach"};
  l.credit_labels = {"foto", "fotos", "bild", "video", "grafik"};
  l.month_names = {"januar", "februar", "m\xc3\xa4rz", "april", "mai", "juni", "juli", "august", "september",
                   "oktober", "november", "dezember"};
  return l;
}

Lexicon french() {
  Lexicon l;
  l.titles = {"m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "mgr"};
  l.number_prefixes = {"no", "n\xc2\xb0", "p", "pp", "art", "vol", "chap", "t", "env", "ca"};
  l.months = {"janv", "f\xc3\xa9vr", "avr", "juil", "sept", "oct", "nov", "d\xc3\xa9""c"};
  l.general = {"etc", "cie", "sa", "s.a", "av", "bd", "j.-c", "apr"};
  l.inner = {"cf", "ex", "c.-\xc3\xa0-d", "p.ex", "vs"};
  l.starters = {"le", "la", "les", "un", "une", "il", "elle", "ils", "elles", "on", "nous", "vous", "je",
                "mais", "et", "ou", "puis", "alors", "ce", "cette", "ces", "en", "dans", "pour", "apr\xc3\xa8s",
                "avant", "quand", "si", "comme", "que", "qui", "pourquoi", "comment", "o\xc3\xb9", "de", "des"};
  l.prepositions = {"\xc3\xa0", "vers", "d\xc3\xa8s", "avant", "apr\xc3\xa8s", "depuis", "en"};
  return l;
}

Lexicon spanish() {
  Lexicon l;
  l.titles = {"sr", "sra", "srta", "sres", "dr", "dra", "d", "dn", "d\xc3\xb1""a", "lic", "ing", "prof",
              "sto", "sta", "gral", "arq"};
  l.number_prefixes = {"n\xc3\xba""m", "n\xc2\xb0", "n\xc2\xba", "p\xc3\xa1g", "art", "vol", "cap", "ca", "no"};
  l.months = {"ene", "feb", "mar", "abr", "jun", "jul", "ago", "sept", "sep", "oct", "nov", "dic"};
  l.general = {"etc", "s.a", "cia", "av", "avda", "ud", "uds", "vd", "vds", "ee.uu", "a.c", "d.c"};
  l.inner = {"p.ej", "vs", "cf"};
  l.starters = {"el", "la", "los", "las", "un", "una", "\xc3\xa9l", "ella", "ellos", "ellas", "nosotros",
                "yo", "pero", "y", "o", "entonces", "este", "esta", "estos", "en", "con", "para", "despu\xc3\xa9s",
                "antes", "cuando", "si", "como", "que", "qui\xc3\xa9n", "por", "se", "no"};
  l.prepositions = {"a", "en", "desde", "hasta", "hacia", "tras"};
  return l;
}

Lexicon italian() {
  Lexicon l;
  l.titles = {"sig", "sigg", "sig.ra", "dott", "dott.ssa", "prof", "prof.ssa", "ing", "avv", "on", "geom",
              "rag", "s", "mons", "arch"};
  l.number_prefixes = {"n", "nr", "pag", "pagg", "art", "vol", "cap", "ca", "n\xc2\xb0"};
  l.months = {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"};
  l.general = {"ecc", "etc", "s.p.a", "s.r.l", "spa", "srl", "a.c", "d.c"};
  l.inner = {"es", "cfr", "vs"};
  l.starters = {"il", "lo", "la", "i", "gli", "le", "un", "una", "lui", "lei", "loro", "noi", "io", "ma",
                "e", "o", "poi", "questo", "questa", "in", "con", "per", "dopo", "prima", "quando", "se",
                "come", "che", "chi", "non"};
  l.prepositions = {"a", "alle", "in", "da", "dalle", "fino", "verso"};
  return l;
}

Lexicon portuguese() {
  Lexicon l;
  l.titles = {"sr", "sra", "srta", "dr", "dra", "prof", "profa", "eng", "exmo", "exma", "sto", "sta"};
  l.number_prefixes = {"n\xc2\xb0", "n\xc2\xba", "p\xc3\xa1g", "art", "vol", "cap", "ca", "no"};
  l.months = {"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"};
  l.general = {"etc", "s.a", "ltda", "cia", "av", "a.c", "d.c"};
  l.inner = {"p.ex", "vs", "cf"};
  l.starters = {"o", "a", "os", "as", "um", "uma", "ele", "ela", "eles", "elas", "n\xc3\xb3s", "eu", "mas",
                "e", "ou", "ent\xc3\xa3o", "este", "esta", "em", "no", "na", "com", "para", "depois", "antes",
                "quando", "se", "como", "que", "quem", "n\xc3\xa3o"};
  l.prepositions = {"\xc3\xa0s", "em", "desde", "at\xc3\xa9", "ap\xc3\xb3s"};
  return l;
}

Lexicon dutch() {
  Lexicon l;
  l.titles = {"dhr", "mevr", "mw", "dr", "prof", "ir", "drs", "mr", "ing", "st"};
  l.number_prefixes = {"nr", "blz", "art", "ca", "n\xc2\xb0", "no"};
  l.months = {"jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"};
  l.general = {"enz", "etc", "bv", "b.v", "nv", "n.v", "o.a"};
  l.inner = {"bijv", "d.w.z", "m.a.w", "o.a", "vs", "vgl"};
  l.starters = {"de", "het", "een", "hij", "zij", "ze", "wij", "we", "ik", "maar", "en", "of", "dan",
                "dit", "deze", "in", "met", "voor", "na", "toen", "als", "wat", "wie", "hoe", "waar", "niet"};
  l.prepositions = {"om", "op", "in", "na", "voor", "sinds", "tot"};
  return l;
}

const Lexicon& lexicon(std::string_view language) {
  static const std::unordered_map<std::string, Lexicon> kLexicons = [] {
    std::unordered_map<std::string, Lexicon> m;
    m.emplace("en", english());
    m.emplace("de", german());
    m.emplace("fr", french());
    m.emplace("es", spanish());
    m.emplace("it", italian());
    m.emplace("pt", portuguese());
    m.emplace("nl", dutch());
    return m;
  }();
  auto it = kLexicons.find(std::string(language));
  if (it == kLexicons.end()) it = kLexicons.find("en");  // Latin-script fallback, see header
  return it->second;
}

}  // namespace

AbbreviationKind classify_abbreviation(std::string_view language, std::string_view lower_word) {
  const Lexicon& l = lexicon(language);
  if (l.inner.count(lower_word)) return AbbreviationKind::kInner;
  if (l.titles.count(lower_word)) return AbbreviationKind::kTitle;
  if (l.number_prefixes.count(lower_word)) return AbbreviationKind::kNumberPrefix;
  if (l.months.count(lower_word) || l.general.count(lower_word)) return AbbreviationKind::kGeneral;
  return AbbreviationKind::kNone;
}

bool is_month_abbreviation(std::string_view language, std::string_view lower_word) {
  return lexicon(language).months.count(lower_word) > 0;
}

bool is_sentence_starter(std::string_view language, std::string_view lower_word) {
  return lexicon(language).starters.count(lower_word) > 0;
}

bool is_credit_label(std::string_view language, std::string_view lower_word) {
  return lexicon(language).credit_labels.count(lower_word) > 0;
}

bool is_month_name(std::string_view language, std::string_view lower_word) {
  return lexicon(language).month_names.count(lower_word) > 0;
}

bool is_introductory_preposition(std::string_view language, std::string_view lower_word) {
  return lexicon(language).prepositions.count(lower_word) > 0;
}

}  // namespace precis::text
