#include "precis/server/refresher.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace precis::server {

Refresher::Refresher(Newsroom& newsroom, std::chrono::milliseconds settle, std::chrono::milliseconds max_settle,
                     Listener on_refresh)
    : newsroom_(newsroom),
      settle_(settle),
      max_settle_(std::max(max_settle, settle)),
      on_refresh_(std::move(on_refresh)),
      worker_([this] { run(); }) {}

Refresher::~Refresher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  finished_.notify_all();
  worker_.join();
}

std::uint64_t Refresher::request() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (requested_ == begun_) first_request_ = now;  // the first of a new batch
  last_request_ = now;
  ++requested_;
  wake_.notify_one();
  return requested_;
}

std::optional<RefreshReport> Refresher::wait(std::uint64_t ticket, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  finished_.wait_for(lock, timeout, [&] { return covered_ >= ticket || stopping_; });
  if (covered_ < ticket || !last_) return std::nullopt;
  return last_;
}

RefreshStatus Refresher::status() const {
  std::lock_guard lock(mutex_);
  RefreshStatus s;
  s.refreshing = refreshing_;
  s.pending = requested_ > begun_;
  s.refreshes = refreshes_;
  s.last = last_;
  return s;
}

void Refresher::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || requested_ > begun_; });
    // Let a burst of posts settle: digest once `settle` passed without a request, or `max_settle`
    // after the first, so that a steady stream still gets digests.
    while (!stopping_) {
      auto deadline = std::min(last_request_ + settle_, first_request_ + max_settle_);
      if (std::chrono::steady_clock::now() >= deadline) break;
      wake_.wait_until(lock, deadline);
    }
    if (stopping_) return;
    const std::uint64_t covers = requested_;
    begun_ = covers;
    refreshing_ = true;
    lock.unlock();

    RefreshReport report;
    report.covers = covers;
    auto start = std::chrono::steady_clock::now();
    try {
      auto stories = newsroom_.refresh();
      if (stories) {
        report.ok = true;
        report.stories = *stories;
        auto info = newsroom_.digest_info();
        if (info && *info) report.articles = (*info)->articles_digested;
      } else {
        report.error = stories.error().message;
      }
    } catch (const std::exception& e) {
      report.error = std::string("digest failed: ") + e.what();
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (on_refresh_) on_refresh_(report);

    lock.lock();
    refreshing_ = false;
    covered_ = covers;
    ++refreshes_;
    last_ = std::move(report);
    finished_.notify_all();
  }
}

}  // namespace precis::server
