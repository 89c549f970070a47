// Refresher: keeps a Newsroom's digest current in the background, for a server that takes
// articles as they come. A digest of the window costs seconds (about as long as `precis digest`
// on the same articles), far longer than storing an article; a server that digested inside every
// POST would answer each post after seconds and digest once per post. Instead the caller stores
// the articles (Newsroom::store_articles) and calls request(); one worker thread waits until
// requests have been quiet for `settle` (at most `max_settle` after the first), then digests once
// for all of them. Requests that arrive during a digest are served by one more digest after it.
//
// Tickets: request() returns a ticket; wait(ticket) returns once a digest that began after the
// request has finished (so it read every article stored before the request), with its outcome.
//
// Errors: a failed digest is reported to `on_refresh`, kept in status().last, and given to the
// waiters of its tickets; the store keeps the previous snapshot and stays stale. The digest is
// tried again after `retry`, then after twice as long each time it fails again (at most 5
// minutes), or sooner when a request comes; a success resets the delay. (A store that another
// process holds locked for longer than SQLite's busy timeout is the usual cause, and passes.)
//
// Thread safety: every member may be called from any thread. The destructor waits for a digest in
// progress to end; requests not yet begun are dropped (the store remembers that it is stale).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "precis/server/newsroom.h"

namespace precis::server {

// One finished digest, as reported to the listener and to waiters.
struct RefreshReport {
  bool ok = false;
  std::string error;             // when !ok
  std::uint32_t stories = 0;     // in the saved snapshot (when ok)
  std::uint32_t articles = 0;    // digested (the window's articles; when ok)
  double seconds = 0;            // wall time of the digest
  std::uint64_t covers = 0;      // every ticket <= covers was requested before it began
};

struct RefreshStatus {
  bool refreshing = false;             // a digest is running now
  bool pending = false;                // a request waits for the next digest
  std::optional<double> retry_in;      // seconds until a failed digest is tried again
  std::uint64_t refreshes = 0;         // digests finished since start (failed ones included)
  std::optional<RefreshReport> last;   // the last finished digest
};

class Refresher {
 public:
  using Listener = std::function<void(const RefreshReport&)>;
  // One digest: the stories and articles it holds, or why it failed.
  struct Outcome {
    std::uint32_t stories = 0;
    std::uint32_t articles = 0;
  };
  using Digest = std::function<Result<Outcome>()>;

  struct Options {
    std::chrono::milliseconds settle{500};
    std::chrono::milliseconds max_settle{10000};
    std::chrono::milliseconds retry{5000};  // after a failed digest; doubles up to max_retry
    std::chrono::milliseconds max_retry{300000};
  };

  // Digests `newsroom` (Newsroom::refresh).
  Refresher(Newsroom& newsroom, Options options, Listener on_refresh = {});
  // Runs `digest` (for tests, and callers with their own digest).
  Refresher(Digest digest, Options options, Listener on_refresh = {});
  ~Refresher();
  Refresher(const Refresher&) = delete;
  Refresher& operator=(const Refresher&) = delete;

  // Asks for a digest of everything stored so far; returns its ticket.
  std::uint64_t request();
  // Waits until a digest covering `ticket` has finished; its report, or nullopt after `timeout`.
  std::optional<RefreshReport> wait(std::uint64_t ticket, std::chrono::milliseconds timeout);
  RefreshStatus status() const;

 private:
  void run();

  Digest digest_;
  Options options_;
  Listener on_refresh_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;      // the worker: a request, or stop
  std::condition_variable finished_;  // waiters: a digest ended
  std::uint64_t requested_ = 0;       // the last ticket handed out
  std::uint64_t begun_ = 0;           // the last ticket the latest digest to begin covers
  std::uint64_t covered_ = 0;         // the last ticket a finished digest covers
  std::chrono::steady_clock::time_point first_request_{};  // of those not yet begun
  std::chrono::steady_clock::time_point last_request_{};
  bool refreshing_ = false;
  std::chrono::milliseconds backoff_{0};                   // 0: the last digest did not fail
  std::optional<std::chrono::steady_clock::time_point> retry_at_;
  bool stopping_ = false;
  std::uint64_t refreshes_ = 0;
  std::optional<RefreshReport> last_;
  std::thread worker_;  // last: starts after everything above is ready
};

}  // namespace precis::server
