// WARC reader (ISO 28500; WARC/1.0 and 1.1): response records -> articles, one record in memory.
//
// A record is a version line, header lines ("Name: value", CRLF or LF), an empty line, a block of
// Content-Length bytes, and two line breaks. For "response" records the block is an HTTP
// response: status line, headers, empty line, payload. We keep 2xx responses whose Content-Type
// is HTML (or absent and the payload sniffs as HTML), undo chunked transfer coding when the
// archiver kept it, and hand the payload to extract_html with the HTTP charset and the target
// URI. Compressed payloads (Content-Encoding) other than identity are skipped with a diagnostic.
// Records larger than options.max_record_bytes are skipped by reading past them in small pieces,
// so memory stays bounded; .warc.gz (one gzip member per record) is decompressed by the stream.
#include <algorithm>
#include <istream>
#include <string>

#include "precis/ingest/html_extract.h"
#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"

namespace precis::ingest {
namespace {

// One line without its terminator; false at end of stream. Lines longer than `limit` fail.
bool get_line(std::istream& in, std::string& line, std::size_t limit = 64 * 1024) {
  line.clear();
  char c;
  while (in.get(c)) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() >= limit) return false;
    line.push_back(c);
  }
  return !line.empty();
}

void skip_bytes(std::istream& in, std::uint64_t n) {
  char buffer[16384];
  while (n > 0 && in) {
    auto chunk = static_cast<std::streamsize>(std::min<std::uint64_t>(n, sizeof buffer));
    in.read(buffer, chunk);
    n -= static_cast<std::uint64_t>(in.gcount());
    if (in.gcount() == 0) break;
  }
}

bool parse_u64(std::string_view text, std::uint64_t& out) {
  text = internal::trim(text);
  if (text.empty() || text.size() > 18) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

// Removes chunked transfer coding; false when it is malformed.
bool dechunk(std::string_view in, std::string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t eol = in.find('\n', i);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = internal::trim(in.substr(i, eol - i));
    size_line = size_line.substr(0, size_line.find(';'));
    std::uint64_t size = 0;
    if (size_line.empty() || size_line.size() > 12) return false;
    for (char c : size_line) {
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
              : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                          : -1;
      if (d < 0) return false;
      size = size * 16 + static_cast<std::uint64_t>(d);
    }
    i = eol + 1;
    if (size == 0) return true;
    if (size > in.size() - i) return false;
    out.append(in.substr(i, size));
    i += size;
    while (i < in.size() && (in[i] == '\r' || in[i] == '\n')) ++i;
  }
  return true;
}

std::string header_param(std::string_view value, std::string_view param) {
  std::string lower = internal::ascii_lower(value);
  std::size_t at = lower.find(std::string(param) + "=");
  if (at == std::string::npos) return {};
  std::size_t k = at + param.size() + 1;
  std::size_t end = k;
  while (end < lower.size() && lower[end] != ';' && lower[end] != ' ') ++end;
  std::string v(value.substr(k, end - k));
  v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
  return v;
}

}  // namespace

void read_warc(std::string_view name, std::istream& in, const ReadOptions& options, const ArticleSink& sink,
               Diagnostics& diagnostics, ReadStats& stats) {
  std::string line;
  std::uint64_t record = 0;
  while (true) {
    // Version line (blank lines between records are the previous record's trailer).
    bool got = false;
    while ((got = get_line(in, line))) {
      if (!internal::trim(line).empty()) break;
    }
    if (!got) break;
    ++record;
    std::string source = std::string(name) + "#" + std::to_string(record);
    if (!line.starts_with("WARC/")) {
      internal::skip_record(stats, diagnostics, source, "malformed", "not a WARC record header: stopping");
      return;
    }
    std::string type, uri;
    std::uint64_t length = 0;
    bool has_length = false;
    while (get_line(in, line) && !line.empty()) {
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string key = internal::ascii_lower(internal::trim(std::string_view(line).substr(0, colon)));
      std::string_view value = internal::trim(std::string_view(line).substr(colon + 1));
      if (key == "warc-type") type = internal::ascii_lower(value);
      else if (key == "warc-target-uri") uri = std::string(value);
      else if (key == "content-length") has_length = parse_u64(value, length);
    }
    if (!has_length) {
      internal::skip_record(stats, diagnostics, source, "malformed", "WARC record without Content-Length: stopping");
      return;
    }
    if (type != "response") {
      skip_bytes(in, length);
      continue;
    }
    if (length > options.max_record_bytes) {
      internal::skip_record(stats, diagnostics, source, "record too large",
                            "record of " + std::to_string(length) + " bytes skipped");
      skip_bytes(in, length);
      continue;
    }
    std::string block(length, '\0');
    in.read(block.data(), static_cast<std::streamsize>(length));
    if (static_cast<std::uint64_t>(in.gcount()) != length) {
      internal::skip_record(stats, diagnostics, source, "malformed", "truncated WARC record");
      return;
    }
    // The HTTP response inside.
    std::size_t head_end = block.find("\r\n\r\n");
    std::size_t body_at = head_end == std::string::npos ? std::string::npos : head_end + 4;
    if (head_end == std::string::npos) {
      head_end = block.find("\n\n");
      body_at = head_end == std::string::npos ? std::string::npos : head_end + 2;
    }
    if (!block.starts_with("HTTP/") || body_at == std::string::npos) {
      internal::skip_record(stats, diagnostics, source, "malformed", "response record without an HTTP response");
      continue;
    }
    std::string_view head = std::string_view(block).substr(0, head_end);
    std::size_t sp = head.find(' ');
    int status = sp == std::string_view::npos ? 0 : std::atoi(std::string(head.substr(sp + 1, 3)).c_str());
    std::string content_type, transfer, encoding;
    std::size_t pos = head.find('\n');
    while (pos != std::string_view::npos && pos < head.size()) {
      std::size_t next = head.find('\n', pos + 1);
      std::string_view h = head.substr(pos + 1, (next == std::string_view::npos ? head.size() : next) - pos - 1);
      std::size_t colon = h.find(':');
      if (colon != std::string_view::npos) {
        std::string key = internal::ascii_lower(internal::trim(h.substr(0, colon)));
        std::string value(internal::trim(h.substr(colon + 1)));
        if (key == "content-type") content_type = value;
        if (key == "transfer-encoding") transfer = internal::ascii_lower(value);
        if (key == "content-encoding") encoding = internal::ascii_lower(value);
      }
      pos = next;
    }
    if (status < 200 || status >= 300) continue;
    std::string lower_type = internal::ascii_lower(content_type);
    std::string payload = block.substr(body_at);
    block = std::string();
    bool html = lower_type.find("html") != std::string::npos ||
                (lower_type.empty() && sniff_format("", payload.substr(0, 1024)) == SourceFormat::kHtml);
    if (!html) continue;
    if (!encoding.empty() && encoding != "identity") {
      internal::skip_record(stats, diagnostics, source, "malformed", "payload with Content-Encoding " + encoding + " skipped");
      continue;
    }
    if (transfer.find("chunked") != std::string::npos) {
      std::string plain;
      if (dechunk(payload, plain)) payload = std::move(plain);
    }
    ExtractOptions extract;
    extract.main_content = options.html_main_content;
    extract.focus = options.html_focus;
    extract.http_charset = header_param(content_type, "charset");
    extract.url = uri;
    extract.max_bytes = options.max_record_bytes;
    ExtractedPage page = extract_html(source, std::move(payload), extract, diagnostics);
    if (!page.ok) {
      ++stats.skipped_records;
      ++stats.skipped_by_reason["no text"];
      continue;
    }
    if (page.article.meta.url.empty()) page.article.meta.url = uri;
    internal::emit(sink, stats, std::move(page.article));
  }
}

}  // namespace precis::ingest
