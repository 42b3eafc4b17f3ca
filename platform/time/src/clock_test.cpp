#include "time/clock.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tongban::calendar {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(ClockTest, FakeClockStandsStillUntilMoved) {
  const Instant start{seconds(1'760'000'000)};
  FakeClock clock(start);
  EXPECT_EQ(clock.Now(), start);
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(hours(25));
  EXPECT_EQ(clock.Now(), start + hours(25));
  clock.Advance(-milliseconds(1));
  EXPECT_EQ(clock.Now(), start + hours(25) - milliseconds(1));
  clock.Set(Instant{});
  EXPECT_EQ(clock.Now(), Instant{});
}

TEST(ClockTest, UsableThroughTheInterface) {
  FakeClock fake(Instant{seconds(42)});
  const Clock& clock = fake;
  EXPECT_EQ(clock.Now().time_since_epoch(), seconds(42));
}

TEST(ClockTest, FakeClockAdvancesAtomicallyAcrossThreads) {
  FakeClock clock(Instant{});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&clock] {
      for (int i = 0; i < 1000; ++i) {
        clock.Advance(milliseconds(1));
        (void)clock.Now();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(clock.Now(), Instant{seconds(4)});
}

TEST(ClockTest, SystemClockIsTheSystemClock) {
  SystemClock clock;
  const Instant before = std::chrono::system_clock::now();
  const Instant now = clock.Now();
  const Instant after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

}  // namespace
}  // namespace tongban::calendar
