// HTML output: one self-contained page, readable without scripts or network.
#include "precis/render/render.h"

namespace precis::render {
namespace {


std::string anchor(std::size_t story, std::size_t n) {
  return "s" + std::to_string(story) + "-" + std::to_string(n);
}

std::string marks(std::size_t story, const std::vector<std::size_t>& numbers) {
  std::string out;
  for (std::size_t n : numbers) {
    out += "<a class=\"cite\" href=\"#" + anchor(story, n) + "\">[" + std::to_string(n) + "]</a>";
  }
  return out;
}

std::string line_html(std::size_t story, const StoryView& view, const Line& line) {
  std::string out;
  for (const Segment& s : line) {
    out += s.strong ? "<strong>" + escape_html(s.text) + "</strong>" : escape_html(s.text);
    std::string m = marks(story, view.numbers(s.cites));
    if (!m.empty()) out += " " + m;
  }
  return out;
}

void list_html(std::string& out, std::size_t story, const StoryView& view, const char* title,
               const std::vector<Line>& lines) {
  if (lines.empty()) return;
  out += std::string("<h3>") + title + "</h3>\n<ul>\n";
  for (const Line& line : lines) out += "<li>" + line_html(story, view, line) + "</li>\n";
  out += "</ul>\n";
}

constexpr const char* kStyle = R"(body{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.35em;margin:1.8em 0 .2em}h3{font-size:1em;margin:1.2em 0 .3em;
font-family:sans-serif;text-transform:uppercase;letter-spacing:.05em;color:#555}
.credit{font-family:sans-serif;font-size:.85em;color:#666;margin-top:0}
.cite{font-family:sans-serif;font-size:.75em;text-decoration:none;vertical-align:super;margin-left:.1em}
ol.sources,ul{font-size:.9em}ol.sources li:target{background:#ffe}.note{color:#777}
article{border-bottom:1px solid #ddd;padding-bottom:1em}footer{font-family:sans-serif;font-size:.8em;color:#888;margin-top:2em}
form.search{margin:.5em 0}form.search input{font-size:1em;width:60%}mark{background:#ffe9a8}
ol.hits li{margin-bottom:.8em}.snippet{display:block;color:#444})";

}  // namespace

std::string html_head(std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape_html(title);
  out += "</title>\n<style>\n";
  out += kStyle;
  out += "\n</style>\n</head>\n<body>\n";
  return out;
}

std::string to_html(const engine::DigestResult& result) {
  std::string out = html_head(result.stories.empty() ? std::string("precis digest") : result.stories.front().headline);
  for (std::size_t k = 0; k < result.stories.size(); ++k) {
    StoryView view = make_story_view(result, k);
    const Story& story = *view.story;
    std::size_t id = story.id;
    out += "<article id=\"story-" + std::to_string(id) + "\">\n";
    out += std::string(k == 0 ? "<h1>" : "<h2>") + escape_html(story.headline) + (k == 0 ? "</h1>\n" : "</h2>\n");
    out += "<p class=\"credit\">" + escape_html(view.credit) + (view.dates.empty() ? "" : "; " + escape_html(view.dates)) + "</p>\n";
    for (const SummarySentence& s : story.summary) {
      out += "<p>" + escape_html(s.text) + " " + marks(id, view.numbers(s.citations)) + "</p>\n";
    }
    list_html(out, id, view, "Figures", view.facts.figures);
    list_html(out, id, view, "People", view.facts.people);
    list_html(out, id, view, "Organisations", view.facts.organisations);
    list_html(out, id, view, "Places", view.facts.places);
    list_html(out, id, view, "Timeline", view.facts.timeline);
    out += "<h3>Sources</h3>\n<ol class=\"sources\">\n";
    for (std::size_t i = 0; i < view.sources.size(); ++i) {
      const Article& a = *view.sources[i];
      out += "<li id=\"" + anchor(id, i + 1) + "\">";
      std::string label = escape_html(source_name(a));
      if (!a.meta.title.empty()) label += " — " + escape_html(a.meta.title);
      if (is_web_url(a.meta.url)) {
        out += "<a href=\"" + escape_html(a.meta.url) + "\">" + label + "</a>";
      } else {
        out += label;
      }
      if (!a.meta.published.empty()) out += ", " + escape_html(a.meta.published.substr(0, 10));
      std::string note = relation_note(view, a);
      if (!note.empty()) out += " <span class=\"note\">(" + escape_html(note) + ")</span>";
      out += "</li>\n";
    }
    out += "</ol>\n</article>\n";
  }
  out += kDigestFooter;
  out += "</body>\n</html>\n";
  return out;
}

bool is_web_url(std::string_view url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace precis::render
