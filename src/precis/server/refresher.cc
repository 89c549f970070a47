#include "precis/server/refresher.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace precis::server {

namespace {

Refresher::Digest digest_of(Newsroom& newsroom) {
  return [&newsroom]() -> Result<Refresher::Outcome> {
    auto stories = newsroom.refresh();
    if (!stories) return tl::unexpected(stories.error());
    Refresher::Outcome out;
    out.stories = *stories;
    auto info = newsroom.digest_info();
    if (info && *info) out.articles = (*info)->articles_digested;
    return out;
  };
}

}  // namespace

Refresher::Refresher(Newsroom& newsroom, Options options, Listener on_refresh)
    : Refresher(digest_of(newsroom), options, std::move(on_refresh)) {}

Refresher::Refresher(Digest digest, Options options, Listener on_refresh)
    : digest_(std::move(digest)), options_(options), on_refresh_(std::move(on_refresh)), worker_([this] { run(); }) {
  options_.max_settle = std::max(options_.max_settle, options_.settle);
  options_.max_retry = std::max(options_.max_retry, options_.retry);
}

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
  if (retry_at_) {
    s.retry_in = std::max(0.0, std::chrono::duration<double>(*retry_at_ - std::chrono::steady_clock::now()).count());
  }
  return s;
}

void Refresher::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    // Wait for a request, or for the time to try a failed digest again.
    while (!stopping_ && requested_ == begun_) {
      if (!retry_at_) {
        wake_.wait(lock);
      } else if (wake_.wait_until(lock, *retry_at_) == std::cv_status::timeout && requested_ == begun_) {
        break;  // the retry is due
      }
    }
    if (requested_ > begun_) {
      // Let a burst of posts settle: digest once `settle` passed without a request, or
      // `max_settle` after the first, so that a steady stream still gets digests.
      while (!stopping_) {
        auto deadline = std::min(last_request_ + options_.settle, first_request_ + options_.max_settle);
        if (std::chrono::steady_clock::now() >= deadline) break;
        wake_.wait_until(lock, deadline);
      }
    }
    if (stopping_) return;
    retry_at_.reset();
    const std::uint64_t covers = requested_;
    begun_ = covers;
    refreshing_ = true;
    lock.unlock();

    RefreshReport report;
    report.covers = covers;
    auto start = std::chrono::steady_clock::now();
    try {
      auto outcome = digest_();
      if (outcome) {
        report.ok = true;
        report.stories = outcome->stories;
        report.articles = outcome->articles;
      } else {
        report.error = outcome.error().message;
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
    if (report.ok) {
      backoff_ = std::chrono::milliseconds(0);
    } else {
      backoff_ = backoff_.count() == 0 ? options_.retry : std::min(2 * backoff_, options_.max_retry);
      retry_at_ = std::chrono::steady_clock::now() + backoff_;
    }
    last_ = std::move(report);
    finished_.notify_all();
  }
}

}  // namespace precis::server
