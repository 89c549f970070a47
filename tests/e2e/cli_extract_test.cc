// End-to-end tests of `precis extract URL`: the real binary against a tiny HTTP server on loopback
// (plain POSIX sockets, one response per connection) serving a self-written page, a 404 and a
// non-HTML response. Checks the text and JSON outputs, the metadata, and the exit codes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

namespace {

const char* kPage = R"(<!doctype html><html lang="en"><head><title>Quay wall rebuilt | Aven Gazette</title>
<meta property="og:title" content="Quay wall rebuilt before the winter storms">
<meta property="og:site_name" content="Aven Gazette">
<meta name="author" content="Tess Marrow">
<meta property="article:published_time" content="2026-10-02T07:30:00+01:00"></head>
<body><nav><a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
<article><h1>Quay wall rebuilt before the winter storms</h1>
<p>Masons finished rebuilding the north quay wall at Port Aven on Thursday, three weeks ahead of the date the
harbour board had set, after a summer of dry weather let them work through most weekends.</p>
<p>The old wall, built of granite in the last century, had been cracked by a storm surge in February and was
fenced off for safety since then.</p></article>
<footer>Copyright Aven Gazette. All rights reserved.</footer></body></html>)";

struct Reply {
  int status;
  std::string type, body;
};

// Serves `routes` on 127.0.0.1 (an ephemeral port) until destroyed.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::map<std::string, Reply> routes) : routes_(std::move(routes)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0) return;
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  void serve() {
    while (!stop_) {
      int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
      }
      std::size_t sp = request.find(' ');
      std::string path = sp == std::string::npos ? "" : request.substr(sp + 1, request.find(' ', sp + 1) - sp - 1);
      auto it = routes_.find(path);
      Reply reply = it != routes_.end() ? it->second : Reply{404, "text/plain", "not found"};
      std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\nContent-Type: " + reply.type +
                         "\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
      std::string out = head + reply.body;
      std::size_t sent = 0;
      while (sent < out.size()) {
        ssize_t n = ::send(client, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
      ::close(client);
    }
  }

  std::map<std::string, Reply> routes_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

CliRun run(const std::string& args) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("precis_e2e_extract_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string out_path = (dir / "out").string(), err_path = (dir / "err").string();
  std::string cmd = std::string(PRECIS_CLI) + " " + args + " >" + out_path + " 2>" + err_path + " </dev/null";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  return r;
}

class CliExtractUrl : public ::testing::Test {
 protected:
  LoopbackServer server_{{{"/quay", {200, "text/html; charset=utf-8", kPage}},
                          {"/logo.png", {200, "image/png", std::string("\x89PNG\r\n\x1a\n", 8)}}}};
};

TEST_F(CliExtractUrl, TextIsTheArticleOnly) {
  ASSERT_GT(server_.port(), 0);
  CliRun r = run("extract --timeout-ms 5000 " + server_.url("/quay"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Masons finished rebuilding the north quay wall"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fenced off for safety"), std::string::npos);
  EXPECT_EQ(r.out.find("Sport"), std::string::npos) << "navigation leaked: " << r.out;
  EXPECT_EQ(r.out.find("All rights reserved"), std::string::npos);
}

TEST_F(CliExtractUrl, JsonCarriesMetadata) {
  CliRun r = run("extract --format json " + server_.url("/quay"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["title"], "Quay wall rebuilt before the winter storms");
  EXPECT_EQ(j["author"], "Tess Marrow");
  EXPECT_EQ(j["outlet"], "Aven Gazette");
  EXPECT_EQ(j["published"], "2026-10-02T07:30:00+01:00");
  EXPECT_EQ(j["url"], server_.url("/quay"));
  EXPECT_EQ(j["language"], "en");
  ASSERT_FALSE(j["blocks"].empty());
  // Every block's source offsets point at its text in the page's bytes.
  std::string page = kPage;
  for (const auto& b : j["blocks"]) {
    std::size_t begin = b["source"][0], end = b["source"][1];
    ASSERT_LE(end, page.size());
    std::string text = b["text"];
    EXPECT_EQ(page.substr(begin, 6), text.substr(0, 6));
  }
}

TEST_F(CliExtractUrl, FailuresExitNonZeroWithDiagnostics) {
  CliRun missing = run("extract " + server_.url("/missing"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_NE(missing.err.find("404"), std::string::npos) << missing.err;
  CliRun image = run("extract " + server_.url("/logo.png"));
  EXPECT_EQ(image.exit_code, 1);
  EXPECT_NE(image.err.find("image/png"), std::string::npos) << image.err;
}

}  // namespace
