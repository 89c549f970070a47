#include "precis/render/render.h"

namespace precis::render {
namespace {

std::string marks(const std::vector<std::size_t>& numbers) {
  std::string out;
  for (std::size_t n : numbers) out += "[" + std::to_string(n) + "]";
  return out;
}

std::string line_md(const StoryView& view, const Line& line) {
  std::string out;
  for (const Segment& s : line) {
    out += s.strong ? "**" + s.text + "**" : s.text;
    std::string m = marks(view.numbers(s.cites));
    if (!m.empty()) out += " " + m;
  }
  return out;
}

void section_md(std::string& out, const StoryView& view, const char* title, const std::vector<Line>& lines) {
  if (lines.empty()) return;
  out += std::string("**") + title + "**\n\n";
  for (const Line& line : lines) out += "- " + line_md(view, line) + "\n";
  out += "\n";
}

void names_md(std::string& out, const StoryView& view) {
  const FactsView& f = view.facts;
  if (f.people.empty() && f.organisations.empty() && f.places.empty()) return;
  auto list = [&](const char* label, const std::vector<Line>& lines) {
    if (lines.empty()) return;
    out += std::string("- ") + label + ": ";
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "; " : "") + line_md(view, lines[i]);
    out += "\n";
  };
  out += "**Who and where**\n\n";
  list("People", f.people);
  list("Organisations", f.organisations);
  list("Places", f.places);
  out += "\n";
}

}  // namespace

std::string to_markdown(const engine::DigestResult& result) {
  std::string out;
  for (std::size_t k = 0; k < result.stories.size(); ++k) {
    StoryView view = make_story_view(result, k);
    const Story& story = *view.story;
    if (k > 0) out += "---\n\n";
    out += "# " + story.headline + "\n\n";
    out += "*" + view.credit + (view.dates.empty() ? "" : "; " + view.dates) + "*\n\n";
    for (const SummarySentence& s : story.summary) {
      out += s.text + " " + marks(view.numbers(s.citations)) + "\n\n";
    }
    section_md(out, view, "Figures", view.facts.figures);
    names_md(out, view);
    section_md(out, view, "Timeline", view.facts.timeline);
    out += "**Sources**\n\n";
    for (std::size_t i = 0; i < view.sources.size(); ++i) {
      const Article& a = *view.sources[i];
      out += std::to_string(i + 1) + ". " + source_name(a);
      if (!a.meta.title.empty()) out += " — " + a.meta.title;
      if (!a.meta.published.empty()) out += ", " + a.meta.published.substr(0, 10);
      std::string note = relation_note(view, a);
      if (!note.empty()) out += " (" + note + ")";
      if (!a.meta.url.empty()) out += " <" + a.meta.url + ">";
      else if (source_name(a) != a.meta.source) out += " (`" + a.meta.source + "`)";
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

std::string to_text(const engine::DigestResult& result) {
  std::string out;
  bool first = true;
  for (const Story& story : result.stories) {
    if (!first) out += "\n";
    first = false;
    for (const SummarySentence& s : story.summary) out += s.text + "\n";
  }
  return out;
}

std::string render(const engine::DigestResult& result, Format format) {
  switch (format) {
    case Format::kMarkdown: return to_markdown(result);
    case Format::kJson: return to_json(result);
    case Format::kHtml: return to_html(result);
    case Format::kText: return to_text(result);
  }
  return {};
}

}  // namespace precis::render
