#include "precis/base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <stdexcept>
#include <vector>

namespace precis {
namespace {

TEST(ParallelFor, EveryIndexRunsOnceIntoItsOwnSlot) {
  for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{1000}}) {
      std::vector<int> runs(n, 0);
      std::vector<std::size_t> squares(n, 0);
      parallel_for(n, threads, [&](std::size_t i) {
        ++runs[i];
        squares[i] = i * i;
      });
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(runs[i], 1) << "threads " << threads << " n " << n << " i " << i;
        ASSERT_EQ(squares[i], i * i);
      }
    }
  }
}

TEST(ParallelFor, UsesSeveralThreadsWhenAsked) {
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  parallel_for(64, 4, [&](std::size_t) {
    int now = ++inside;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --inside;
  });
  EXPECT_GE(most.load(), 2) << "some indices ran at the same time";
  EXPECT_LE(most.load(), 4);
}

TEST(ParallelFor, AnExceptionReachesTheCaller) {
  std::atomic<int> ran{0};
  EXPECT_THROW(parallel_for(100, 3,
                            [&](std::size_t i) {
                              ++ran;
                              if (i == 5) throw std::runtime_error("index 5");
                              std::this_thread::sleep_for(std::chrono::milliseconds(2));
                            }),
               std::runtime_error);
  EXPECT_LT(ran.load(), 100) << "the rest were skipped";
}

}  // namespace
}  // namespace precis
