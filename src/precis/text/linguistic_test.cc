// Stemmer, stopwords, language detection, case mapping, and annotate() in every Snowball
// language.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "precis/text/annotate.h"
#include "precis/text/language.h"
#include "precis/text/normalize.h"
#include "precis/text/stemmer.h"
#include "precis/text/stopwords.h"

namespace precis::text {
namespace {

// One short self-written sentence per Snowball language.
const std::map<std::string, std::string>& sample_sentences() {
  static const std::map<std::string, std::string> kSamples = {
      {"ar", "الأطفال يلعبون في الحدائق الجميلة."},
      {"hy", "Երեխաները խաղում են այգիներում։"},
      {"eu", "Haurrak parkeetan jolasten ari dira."},
      {"ca", "Els nens juguen als parcs de la ciutat."},
      {"da", "Børnene leger i de store haver."},
      {"nl", "De kinderen spelen in de mooie tuinen."},
      {"en", "The children were playing in the gardens."},
      {"fi", "Lapset leikkivät kauniissa puutarhoissa."},
      {"fr", "Les enfants jouaient dans les jardins."},
      {"de", "Die Kinder spielten in den schönen Gärten."},
      {"el", "Τα παιδιά παίζουν στους κήπους."},
      {"hi", "बच्चे बगीचों में खेल रहे हैं।"},
      {"hu", "A gyerekek a kertekben játszanak."},
      {"id", "Anak-anak bermain di taman kota."},
      {"ga", "Bhí na páistí ag imirt sna páirceanna."},
      {"it", "I bambini giocavano nei giardini."},
      {"lt", "Vaikai žaidžia gražiuose soduose."},
      {"ne", "केटाकेटीहरू बगैंचामा खेल्दैछन्।"},
      {"no", "Barna leker i de store hagene."},
      {"pt", "As crianças brincavam nos jardins."},
      {"ro", "Copiii se jucau în grădinile frumoase."},
      {"ru", "Дети играли в красивых садах."},
      {"sr", "Деца су се играла у лепим баштама."},
      {"es", "Los niños jugaban en los jardines."},
      {"sv", "Barnen lekte i de stora trädgårdarna."},
      {"ta", "குழந்தைகள் தோட்டங்களில் விளையாடுகிறார்கள்."},
      {"tr", "Çocuklar güzel bahçelerde oynuyorlardı."},
      {"yi", "די קינדער שפּילן אין די גערטנער."},
  };
  return kSamples;
}

TEST(Stemmer, EnglishStems) {
  Stemmer stemmer("en");
  ASSERT_TRUE(stemmer.ok());
  EXPECT_EQ(stemmer.stem("running"), "run");
  EXPECT_EQ(stemmer.stem("councils"), "council");
  EXPECT_EQ(stemmer.stem(""), "");
}

TEST(Stemmer, UnknownLanguageIsNotOk) {
  Stemmer stemmer("xx");
  EXPECT_FALSE(stemmer.ok());
  EXPECT_EQ(stemmer.stem("word"), "word");
  EXPECT_FALSE(Stemmer("").ok());
  EXPECT_FALSE(Stemmer("porter").ok());
}

TEST(Stemmer, SnowballLanguagesListed) {
  std::vector<std::string> languages = snowball_languages();
  EXPECT_GE(languages.size(), 28u);
  std::set<std::string> set(languages.begin(), languages.end());
  for (const char* code : {"en", "de", "fr", "es", "ru", "fi", "ar", "el", "tr"}) EXPECT_TRUE(set.count(code)) << code;
  for (const auto& code : languages) EXPECT_TRUE(Stemmer(code).ok()) << code;
}

TEST(AnnotateEveryLanguage, StemsProducedEndToEnd) {
  const auto& samples = sample_sentences();
  for (const std::string& code : snowball_languages()) {
    auto it = samples.find(code);
    ASSERT_NE(it, samples.end()) << "no sample sentence for Snowball language " << code;
    Article article;
    article.text = normalize(it->second).text;
    AnnotateOptions options;
    options.language = code;
    annotate(article, options);
    EXPECT_EQ(article.language, code);
    ASSERT_EQ(article.sentences.size(), 1u) << code;
    ASSERT_EQ(article.paragraphs.size(), 1u) << code;
    std::size_t words = 0;
    std::size_t changed = 0;
    for (const Token& token : article.tokens) {
      if (!token.is_word) continue;
      ++words;
      EXPECT_FALSE(token.stem.empty()) << code;
      changed += token.stem != token.lower;
    }
    EXPECT_GE(words, 3u) << code;
    EXPECT_GE(changed, 1u) << code << ": the stemmer changed no word of: " << it->second;
  }
}

TEST(Annotate, SentencesTokensAndParagraphs) {
  Article article;
  article.text = normalize("The councils met on Monday. They agreed!\n\nA new paragraph starts here.").text;
  annotate(article);
  EXPECT_EQ(article.language, "en");
  ASSERT_EQ(article.paragraphs.size(), 2u);
  ASSERT_EQ(article.sentences.size(), 3u);
  EXPECT_EQ(article.sentences[2].paragraph, 1u);
  EXPECT_EQ(article.sentence_text(article.sentences[1]), "They agreed!");
  std::uint32_t expected_first = 0;
  for (const Sentence& s : article.sentences) {
    EXPECT_EQ(s.first_token, expected_first);
    expected_first += s.token_count;
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
      EXPECT_GE(article.tokens[t].span.begin, s.span.begin);
      EXPECT_LE(article.tokens[t].span.end, s.span.end);
    }
  }
  EXPECT_EQ(expected_first, article.tokens.size());
  EXPECT_EQ(article.tokens[0].lower, "the");
  EXPECT_TRUE(article.tokens[0].is_stopword);
  EXPECT_EQ(article.tokens[1].stem, "council");
  EXPECT_FALSE(article.tokens[1].is_stopword);
  EXPECT_FALSE(article.tokens[5].is_word);  // "."
}

TEST(Annotate, DeclaredLanguageAndUnknown) {
  Article article;
  article.meta.language = "de";
  article.text = "Die Kinder spielten.";
  annotate(article);
  EXPECT_EQ(article.language, "de");
  Article unknown;
  unknown.text = "zzq";
  annotate(unknown);
  EXPECT_EQ(unknown.language, "und");
  ASSERT_EQ(unknown.tokens.size(), 1u);
  EXPECT_FALSE(unknown.tokens[0].stem.empty());
}

TEST(Annotate, TextOverrulesAWrongDeclaredLanguage) {
  // Found on real pages: Business Insider articles in English declared lang="de"; every English
  // stopword then counted as a content word and drew unrelated articles into one story.
  Article english;
  english.meta.language = "de";
  english.text =
      "The council said on Tuesday that the new ferry timetable would start in May, after months of "
      "complaints from commuters who had waited for the early boats in the rain. The operator told "
      "reporters that two more crossings would be added in the morning and that fares would stay "
      "the same until the end of the year. Residents of the island welcomed the change, but said "
      "they would wait to see whether the boats really ran on time before they believed it.";
  annotate(english);
  EXPECT_EQ(english.language, "en");
  ASSERT_FALSE(english.tokens.empty());
  EXPECT_EQ(english.tokens[0].lower, "the");
  EXPECT_TRUE(english.tokens[0].is_stopword);
  // A short text keeps its declaration (too little to overrule it), and so does a text that is
  // in the declared language.
  Article short_text;
  short_text.meta.language = "de";
  short_text.text = "The council met on Tuesday.";
  annotate(short_text);
  EXPECT_EQ(short_text.language, "de");
  Article german;
  german.meta.language = "de";
  german.text =
      "Der Gemeinderat hat am Dienstag beschlossen, dass der neue Fahrplan der F\xC3\xA4hre im Mai "
      "beginnt, nachdem Pendler monatelang im Regen auf die fr\xC3\xBChen Boote gewartet hatten. Der "
      "Betreiber sagte, am Morgen k\xC3\xA4men zwei Fahrten hinzu und die Preise blieben bis zum "
      "Jahresende gleich. Die Bewohner der Insel begr\xC3\xBC\xC3\x9Ften die \xC3\x84nderung, wollten "
      "aber abwarten, ob die Boote wirklich p\xC3\xBCnktlich fahren.";
  annotate(german);
  EXPECT_EQ(german.language, "de");
}

TEST(Stopwords, ListsAndFallback) {
  EXPECT_TRUE(is_stopword("en", "the"));
  EXPECT_TRUE(is_stopword("en", "don't"));
  EXPECT_FALSE(is_stopword("en", "council"));
  for (const char* code : {"de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "ru"}) {
    EXPECT_TRUE(has_stopwords(code)) << code;
  }
  EXPECT_TRUE(is_stopword("de", "und"));
  EXPECT_TRUE(is_stopword("ru", "и"));
  EXPECT_TRUE(is_stopword("fr", "les"));
  EXPECT_FALSE(has_stopwords("ta"));
  EXPECT_FALSE(is_stopword("ta", "the"));
  EXPECT_FALSE(is_stopword("", "the"));
}

TEST(Language, DetectsCommonLanguages) {
  EXPECT_EQ(detect_language("The harbour fire burned for three hours before the crews from the city brought it under "
                            "control, officials said on Tuesday evening."),
            "en");
  EXPECT_EQ(detect_language("Die Feuerwehr brauchte drei Stunden, um den Brand im Hafen unter Kontrolle zu bringen, "
                            "teilte die Stadt am Dienstag mit."),
            "de");
  EXPECT_EQ(detect_language(""), "und");
  EXPECT_EQ(detect_language("\xff\xfe\xfd"), "und");
}

TEST(Language, ToLowerFullCaseMapping) {
  EXPECT_EQ(to_lower("HELLO World"), "hello world");
  EXPECT_EQ(to_lower("ÄÖÜ ΣΟΦΙΑ"), "äöü σοφια");
  EXPECT_EQ(to_lower("İ"), "i̇");
  EXPECT_EQ(to_lower(""), "");
}

}  // namespace
}  // namespace precis::text
