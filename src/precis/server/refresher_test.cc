// The background digests of a Newsroom: tickets, one digest for a burst, a quick stop.
#include "precis/server/refresher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace precis::server {
namespace {

using namespace std::chrono_literals;

std::vector<RawArticle> ferry_reports(int from, int to) {
  std::vector<RawArticle> out;
  for (int i = from; i < to; ++i) {
    RawArticle a;
    a.meta.source = "report-" + std::to_string(i) + ".txt";
    a.meta.published = "2026-11-0" + std::to_string(1 + i % 9);
    a.body = "The ferry Solvik stayed aground near Kessel Point, the coast guard said in report " + std::to_string(i) +
             ". Salvage crews pumped fuel from its tanks.";
    a.original = a.body;
    a.body_to_original = OffsetMap::identity(static_cast<std::uint32_t>(a.body.size()));
    out.push_back(std::move(a));
  }
  return out;
}

std::unique_ptr<Newsroom> memory_newsroom() {
  auto store = store::Store::open(":memory:");
  EXPECT_TRUE(store.has_value());
  engine::DigestOptions options;
  options.max_stories = 0;
  options.facts = false;
  return std::make_unique<Newsroom>(std::move(*store), options);
}

Refresher::Options options(std::chrono::milliseconds settle, std::chrono::milliseconds max_settle) {
  Refresher::Options o;
  o.settle = settle;
  o.max_settle = max_settle;
  return o;
}

TEST(Refresher, AWaitedTicketSeesADigestOfEverythingStoredBeforeIt) {
  auto newsroom = memory_newsroom();
  std::atomic<int> reports{0};
  Refresher refresher(*newsroom, options(10ms, 10s), [&](const RefreshReport&) { ++reports; });
  ASSERT_TRUE(newsroom->store_articles(ferry_reports(0, 3)).has_value());
  std::uint64_t ticket = refresher.request();
  auto report = refresher.wait(ticket, 60s);
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->ok) << report->error;
  EXPECT_GE(report->covers, ticket);
  EXPECT_EQ(report->articles, 3u);
  EXPECT_EQ(report->stories, 1u);
  EXPECT_EQ(reports.load(), 1);
  EXPECT_FALSE(*newsroom->stale());
  RefreshStatus status = refresher.status();
  EXPECT_FALSE(status.pending);
  EXPECT_FALSE(status.refreshing);
  EXPECT_EQ(status.refreshes, 1u);
  // A ticket already covered is answered at once.
  EXPECT_TRUE(refresher.wait(ticket, 0ms).has_value());
}

TEST(Refresher, RequestsWithinTheDelayMakeOneDigestAndAnUnfinishedWaitTimesOut) {
  auto newsroom = memory_newsroom();
  Refresher refresher(*newsroom, options(800ms, 10s));
  std::uint64_t last = 0;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(newsroom->store_articles(ferry_reports(i, i + 1)).has_value());
    last = refresher.request();
  }
  EXPECT_FALSE(refresher.wait(last, 1ms).has_value()) << "the delay has not passed";
  EXPECT_TRUE(refresher.status().pending);
  auto report = refresher.wait(last, 60s);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->articles, 5u);
  EXPECT_EQ(refresher.status().refreshes, 1u);
}

TEST(Refresher, AStreamOfRequestsIsDigestedByTheLongestDelay) {
  // Requests every 100 ms never leave the 500 ms delay quiet; the 1.5 s bound still digests.
  auto newsroom = memory_newsroom();
  Refresher refresher(*newsroom, options(500ms, 1500ms));
  auto start = std::chrono::steady_clock::now();
  int i = 0;
  while (refresher.status().refreshes == 0 && std::chrono::steady_clock::now() - start < 30s) {
    ASSERT_TRUE(newsroom->store_articles(ferry_reports(i, i + 1)).has_value());
    ++i;
    refresher.request();
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_GE(refresher.status().refreshes, 1u) << "digested while requests kept coming";
}

TEST(Refresher, StoppingDropsADigestNotBegunAndTheStoreStaysStale) {
  auto newsroom = memory_newsroom();
  ASSERT_TRUE(newsroom->store_articles(ferry_reports(0, 2)).has_value());
  auto start = std::chrono::steady_clock::now();
  {
    Refresher refresher(*newsroom, options(30s, 60s));
    std::uint64_t ticket = refresher.request();
    EXPECT_FALSE(refresher.wait(ticket, 10ms).has_value());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "the destructor did not wait out the delay";
  auto stale = newsroom->stale();
  ASSERT_TRUE(stale.has_value());
  EXPECT_TRUE(*stale) << "the next add or server start digests it";
}

TEST(Refresher, AFailedDigestIsTriedAgainLaterAndSoonerWhenAsked) {
  std::atomic<int> calls{0};
  std::atomic<int> failures_left{2};
  Refresher::Digest digest = [&]() -> Result<Refresher::Outcome> {
    ++calls;
    if (failures_left > 0) {
      --failures_left;
      return make_error("database is locked");
    }
    return Refresher::Outcome{4, 9};
  };
  Refresher::Options o = options(1ms, 1s);
  o.retry = 300ms;
  o.max_retry = 60s;
  std::vector<RefreshReport> reports;
  std::mutex reports_mutex;
  Refresher refresher(digest, o, [&](const RefreshReport& r) {
    std::lock_guard lock(reports_mutex);
    reports.push_back(r);
  });
  auto first = refresher.wait(refresher.request(), 10s);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->ok);
  EXPECT_EQ(first->error, "database is locked") << "the waiter is told why";
  RefreshStatus status = refresher.status();
  ASSERT_TRUE(status.retry_in.has_value()) << "a retry is scheduled";
  EXPECT_LE(*status.retry_in, 0.3);
  // Nobody asks again: the retry comes by itself (300 ms), fails, and the next waits 600 ms.
  auto start = std::chrono::steady_clock::now();
  while (calls < 2 && std::chrono::steady_clock::now() - start < 10s) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(calls.load(), 2);
  std::this_thread::sleep_for(50ms);
  status = refresher.status();
  ASSERT_TRUE(status.retry_in.has_value());
  EXPECT_GT(*status.retry_in, 0.3) << "the delay doubled";
  // A request does not wait for the retry.
  auto third = refresher.wait(refresher.request(), 10s);
  ASSERT_TRUE(third.has_value());
  EXPECT_TRUE(third->ok);
  EXPECT_EQ(third->stories, 4u);
  EXPECT_EQ(third->articles, 9u);
  EXPECT_EQ(calls.load(), 3);
  EXPECT_FALSE(refresher.status().retry_in.has_value()) << "a success ends the retries";
  std::lock_guard lock(reports_mutex);
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_FALSE(reports[1].ok);
}

}  // namespace
}  // namespace precis::server
