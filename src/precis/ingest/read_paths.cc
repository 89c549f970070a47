// read_paths: files, directories and stdin to the format readers.
//
// Every input goes through one path: open a stream, take its first 8 KiB to sniff compression
// (extension or magic bytes) and format (extension, else content), then either stream it to the
// JSONL reader or read it whole, up to max_file_bytes, for the other readers. Directories are
// walked depth-first with entries sorted by name, so that the article order (and thus every id
// downstream) does not depend on the file system. Symlinks are followed; a directory is identified
// by (device, inode), which catches loops (a link to an ancestor: reported once) and a directory
// reached twice by different links (read once). Hidden entries (".git", ".DS_Store") are skipped
// silently when walking; a hidden path given explicitly is read. Files that are obviously not
// articles (images, media, archives other than .gz/.zst, PDFs, executables) are counted and
// reported in one line per directory argument rather than one line each. So are a project's own
// files met while walking (README, LICENSE, CHANGELOG, ...: a folder of articles kept in a
// repository usually has one, and it would otherwise become a story of its own); named explicitly,
// they are read like any other text.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "precis/ingest/internal.h"
#include "precis/ingest/reader.h"
#include "precis/ingest/streams.h"

namespace precis::ingest {
namespace {

constexpr std::size_t kSniffBytes = 8192;

std::string extension_of(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return internal::ascii_lower(base.substr(dot + 1));
}

std::string_view strip_compression(std::string_view path) {
  std::string ext = extension_of(path);
  if (ext == "gz" || ext == "zst") return path.substr(0, path.size() - ext.size() - 1);
  return path;
}

bool is_not_article(const std::string& ext) {
  static const std::set<std::string> kExtensions = {
      "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "tif", "tiff", "svg", "heic", "mp3", "mp4", "m4a",
      "wav", "ogg", "flac", "avi", "mov", "mkv", "webm", "zip", "tar", "tgz", "bz2", "xz", "7z", "rar",
      "pdf", "exe", "dll", "so", "o", "a", "class", "jar", "pyc", "woff", "woff2", "ttf", "otf", "eot",
      "db", "sqlite", "parquet", "css", "js", "wasm", "doc", "docx", "xls", "xlsx", "ppt", "pptx"};
  return kExtensions.count(ext) > 0;
}

// "README.md" -> "README" when the file's name, without its extension, is one that software
// projects give their own documentation; "" otherwise.
std::string project_file_label(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = base.find('.');
  std::string stem = internal::ascii_lower(base.substr(0, dot));
  // Only names that are never an article's: "notice" or "changes" could be a page's own name.
  static const std::set<std::string> kStems = {"readme",    "license",      "licence",        "copying",
                                               "changelog", "contributing", "code_of_conduct"};
  if (!kStems.count(stem)) return {};
  std::string label;
  for (char c : stem) label += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return label;
}

std::string io_error(int error) { return std::strerror(error); }

class PathReader {
 public:
  PathReader(const ReadOptions& options, const ArticleSink& sink, Diagnostics& diagnostics, ReadStats& stats)
      : options_(options), sink_(sink), diagnostics_(diagnostics), stats_(stats) {}

  void read_argument(const std::string& path) {
    if (path == "-") {
      read_stream("-", std::cin, "");
      return;
    }
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      int error = errno;
      struct stat lst;
      bool dangling = ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
      if (error == ELOOP) {
        internal::skip_file(stats_, diagnostics_, path, "symlink loop", "symlink loop");
      } else if (error == ENOENT && !dangling) {
        internal::skip_file(stats_, diagnostics_, path, "missing", "no such file or directory");
      } else {
        internal::skip_file(stats_, diagnostics_, path, dangling ? "missing" : "unreadable",
                            dangling ? "dangling symlink" : "cannot access: " + io_error(error));
      }
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      not_articles_.clear();
      read_directory(path, st);
      if (!not_articles_.empty()) {
        std::string detail;
        std::uint64_t total = 0;
        for (const auto& [label, count] : not_articles_) {
          detail += (detail.empty() ? "" : ", ") + label + " " + std::to_string(count);
          total += count;
        }
        internal::report(diagnostics_, path,
                         "skipped " + std::to_string(total) + " files that are not articles (" + detail + ")",
                         Severity::kInfo);
      }
      return;
    }
    read_file(path, st, /*explicit_path=*/true);
  }

 private:
  void read_directory(const std::string& path, const struct stat& st) {
    std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
    if (ancestors_.count(id)) {
      if (reported_loops_.insert(id).second) {
        internal::skip_file(stats_, diagnostics_, path, "symlink loop",
                            "symlink loop: this directory contains itself, not read again");
      }
      return;
    }
    if (!visited_.insert(id).second) {
      internal::report(diagnostics_, path, "directory already read through another path", Severity::kInfo);
      return;
    }
    std::error_code ec;
    std::vector<std::string> names;
    std::filesystem::directory_iterator it(path, ec), end;
    if (ec) {
      internal::skip_file(stats_, diagnostics_, path, "unreadable", "cannot read directory: " + ec.message());
      return;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      names.push_back(std::move(name));
    }
    if (ec) internal::report(diagnostics_, path, "error while listing directory: " + ec.message());
    std::sort(names.begin(), names.end());
    ancestors_.insert(id);
    for (const std::string& name : names) {
      std::string child = path + (path.ends_with('/') ? "" : "/") + name;
      struct stat cst;
      if (::stat(child.c_str(), &cst) != 0) {
        int error = errno;
        if (error == ELOOP) {
          internal::skip_file(stats_, diagnostics_, child, "symlink loop", "symlink loop");
        } else {
          internal::skip_file(stats_, diagnostics_, child, error == ENOENT ? "missing" : "unreadable",
                              error == ENOENT ? "dangling symlink" : "cannot access: " + io_error(error));
        }
        continue;
      }
      if (S_ISDIR(cst.st_mode)) {
        read_directory(child, cst);
      } else if (S_ISREG(cst.st_mode)) {
        read_file(child, cst, /*explicit_path=*/false);
      }
      // Sockets, FIFOs and devices inside a directory are not articles; ignore them quietly.
    }
    ancestors_.erase(id);
  }

  void read_file(const std::string& path, const struct stat& st, bool explicit_path) {
    std::string ext = extension_of(path);
    if (is_not_article(ext)) {
      if (explicit_path) {
        internal::skip_file(stats_, diagnostics_, path, "not an article", "not an article file (." + ext + ")");
      } else {
        ++stats_.skipped_files;
        ++stats_.skipped_by_reason["not an article"];
        ++not_articles_["." + ext];
      }
      return;
    }
    if (!explicit_path) {
      if (std::string label = project_file_label(path); !label.empty()) {
        ++stats_.skipped_files;
        ++stats_.skipped_by_reason["not an article"];
        ++not_articles_[label];
        return;
      }
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      int error = errno;
      internal::skip_file(stats_, diagnostics_, path, "unreadable", "cannot open: " + io_error(error));
      return;
    }
    if (S_ISREG(st.st_mode) && st.st_size == 0) {
      internal::skip_file(stats_, diagnostics_, path, "empty", "empty file");
      return;
    }
    read_stream(path, in, "");
  }

  // Sniffs and dispatches one stream. `inner_name` is the name whose extension decides the format
  // (the file name without .gz/.zst once decompressed); empty means `name`.
  void read_stream(const std::string& name, std::istream& in, std::string inner_name) {
    if (inner_name.empty()) inner_name = name;
    std::string prefix(kSniffBytes, '\0');
    in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    prefix.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    if (in.bad()) {
      internal::skip_file(stats_, diagnostics_, name, "unreadable", "read error");
      return;
    }
    if (prefix.empty()) {
      internal::skip_file(stats_, diagnostics_, name, "empty", "empty file");
      return;
    }
    in.clear();
    PrefixedBuffer replay(prefix, in);
    std::istream replayed(&replay);
    Compression compression = compression_of(inner_name, prefix);
    if (compression != Compression::kNone) {
      std::unique_ptr<DecompressingBuffer> buffer = make_decompressor(compression, replayed);
      std::istream decompressed(buffer.get());
      if (decompressed.peek() == std::char_traits<char>::eof()) {
        decompressed.clear();
        internal::skip_file(stats_, diagnostics_, name, buffer->error().empty() ? "empty" : "decompression failed",
                            buffer->error().empty() ? "empty file" : buffer->error());
        return;
      }
      read_stream(name, decompressed, std::string(strip_compression(inner_name)));
      // What was readable has been read; a corrupt or truncated tail is reported.
      if (!buffer->error().empty()) internal::report(diagnostics_, name, buffer->error());
      return;
    }
    std::uint64_t skipped_before = stats_.skipped_files;
    std::string ext = extension_of(strip_compression(inner_name));
    if (ext == "warc" || prefix.starts_with("WARC/1.")) {
      read_warc(name, replayed, options_, sink_, diagnostics_, stats_);
      if (stats_.skipped_files == skipped_before) ++stats_.files;
      return;
    }
    if (ext == "rss" || ext == "atom" || looks_like_feed(prefix)) {
      std::string bytes;
      if (!read_bounded(replayed, options_.max_file_bytes, bytes)) {
        internal::skip_file(stats_, diagnostics_, name, "too large",
                            "file is larger than " + std::to_string(options_.max_file_bytes) + " bytes");
        return;
      }
      read_feed(name, std::move(bytes), options_, sink_, diagnostics_, stats_);
      if (stats_.skipped_files == skipped_before) ++stats_.files;
      return;
    }
    SourceFormat format = sniff_format(inner_name, prefix);
    if (format == SourceFormat::kJsonl) {
      read_jsonl(name, replayed, options_, sink_, diagnostics_, stats_);
    } else {
      std::string bytes;
      bytes.reserve(prefix.size());
      if (!read_bounded(replayed, options_.max_file_bytes, bytes)) {
        internal::skip_file(stats_, diagnostics_, name, "too large",
                            "file is larger than " + std::to_string(options_.max_file_bytes) + " bytes");
        return;
      }
      switch (format) {
        case SourceFormat::kHtml:
          read_html(name, std::move(bytes), options_, sink_, diagnostics_, stats_);
          break;
        case SourceFormat::kSgml:
          read_sgml(name, std::move(bytes), options_, sink_, diagnostics_, stats_);
          break;
        case SourceFormat::kJson:
          read_json(name, std::move(bytes), options_, sink_, diagnostics_, stats_);
          break;
        case SourceFormat::kText:
        case SourceFormat::kJsonl:
          read_text(name, std::move(bytes), options_, sink_, diagnostics_, stats_);
          break;
      }
    }
    if (stats_.skipped_files == skipped_before) ++stats_.files;
  }

  const ReadOptions& options_;
  const ArticleSink& sink_;
  Diagnostics& diagnostics_;
  ReadStats& stats_;
  std::set<std::pair<dev_t, ino_t>> ancestors_, visited_, reported_loops_;
  std::map<std::string, std::uint64_t> not_articles_;
};

}  // namespace

SourceFormat sniff_format(std::string_view path, std::string_view first_bytes) {
  std::string ext = extension_of(strip_compression(path));
  if (ext == "txt" || ext == "text") return SourceFormat::kText;
  if (ext == "html" || ext == "htm" || ext == "xhtml" || ext == "shtml") return SourceFormat::kHtml;
  if (ext == "sgml" || ext == "sgm") return SourceFormat::kSgml;
  if (ext == "jsonl" || ext == "ndjson" || ext == "jsonlines") return SourceFormat::kJsonl;
  if (ext == "json") return SourceFormat::kJson;
  std::string_view s = first_bytes;
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  std::size_t start = 0;
  while (start < s.size() && (s[start] == ' ' || s[start] == '\t' || s[start] == '\n' || s[start] == '\r')) ++start;
  s.remove_prefix(start);
  if (s.empty()) return SourceFormat::kText;
  std::string head = internal::ascii_lower(s.substr(0, 1024));
  if (head.starts_with("<doc>") || head.starts_with("<doc ") ||
      (head.find("<doc>") != std::string::npos && head.find("<docno>") != std::string::npos)) {
    return SourceFormat::kSgml;
  }
  for (std::string_view marker : {"<!doctype html", "<html", "<head", "<body", "<meta ", "<title", "<?xml"}) {
    if (head.starts_with(marker)) return SourceFormat::kHtml;
  }
  if (head.starts_with("<!--") && head.find("<html") != std::string::npos) return SourceFormat::kHtml;
  if (s.front() == '[') return SourceFormat::kJson;
  if (s.front() == '{') {
    std::size_t nl = s.find('\n');
    std::string_view first_line = s.substr(0, nl);
    return internal::trim(first_line) == "{" ? SourceFormat::kJson : SourceFormat::kJsonl;
  }
  return SourceFormat::kText;
}

void read_paths(const std::vector<std::string>& paths, const ReadOptions& options, const ArticleSink& sink,
                Diagnostics& diagnostics, ReadStats& stats) {
  PathReader reader(options, sink, diagnostics, stats);
  for (const std::string& path : paths) reader.read_argument(path);
}

}  // namespace precis::ingest
