#include "precis/text/annotate.h"

#include "precis/text/language.h"
#include "precis/text/sentence_splitter.h"
#include "precis/text/stemmer.h"
#include "precis/text/stopwords.h"
#include "precis/text/tokenizer.h"

namespace precis::text {

void annotate(Article& article, const AnnotateOptions& options) {
  if (!options.language.empty()) {
    article.language = options.language;
  } else if (article.language.empty() || article.language == "und") {
    const std::string& declared = article.meta.language;
    if (declared.empty()) {
      article.language = detect_language(article.text);
    } else {
      // A page's declared language is often its site template's ("de" on the English articles of
      // a German edition): found on real pages, where English stopwords then counted as content
      // words. CLD2 overrules the declaration when it reliably finds another language in enough
      // text; short texts, and texts it is unsure of, keep what was declared.
      constexpr std::size_t kMinBytesToOverrule = 400;
      const std::string found = article.text.size() >= kMinBytesToOverrule ? detect_language(article.text) : "und";
      article.language = found != "und" && found != declared ? found : declared;
    }
  }
  article.paragraphs.clear();
  article.sentences.clear();
  article.tokens.clear();
  const std::string_view text = article.text;

  Stemmer stemmer(article.language);
  if (!stemmer.ok()) stemmer = Stemmer("en");
  const std::string& stop_language = article.language;

  for (ByteSpan p : split_paragraphs(text)) article.paragraphs.push_back(Paragraph{p});
  SentenceSplitOptions split_options;
  split_options.language = article.language;
  std::uint32_t paragraph = 0;
  for (ByteSpan s : split_sentences(text, split_options)) {
    while (paragraph + 1 < article.paragraphs.size() && article.paragraphs[paragraph].span.end <= s.begin) ++paragraph;
    Sentence sentence;
    sentence.span = s;
    sentence.paragraph = paragraph;
    sentence.first_token = static_cast<std::uint32_t>(article.tokens.size());
    for (ByteSpan t : tokenize(slice(text, s))) {
      Token token;
      token.span = ByteSpan{s.begin + t.begin, s.begin + t.end};
      std::string_view surface = slice(text, token.span);
      token.lower = to_lower(surface);
      token.is_word = is_word_token(surface);
      token.stem = token.is_word ? stemmer.stem(token.lower) : token.lower;
      token.is_stopword = token.is_word && is_stopword(stop_language, token.lower);
      article.tokens.push_back(std::move(token));
    }
    sentence.token_count = static_cast<std::uint32_t>(article.tokens.size()) - sentence.first_token;
    article.sentences.push_back(sentence);
  }
}

}  // namespace precis::text
