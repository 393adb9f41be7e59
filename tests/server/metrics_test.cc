// Metrics (services/server/metrics.h) directly: the text exposition format 0.0.4 (HELP and TYPE,
// label-value escaping, histogram buckets with +Inf, _sum and _count), RecordCall's table (every
// served method, codes by their canonical names, unknown paths under "other") and
// RecordGroupCommit, and the whole exposition checked by promtool.
#include "metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "promtool.h"
#include "trygg/v1/event_log.pb.h"

namespace trygg::server {
namespace {

using namespace std::chrono_literals;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ExpositionTest, WritesHelpAndTypeWithTheHelpEscaped) {
  Exposition out;
  out.Family("x_total", "counter", "a \\ b\nc \"quoted\"");
  EXPECT_EQ(out.text(), "# HELP x_total a \\\\ b\\nc \"quoted\"\n# TYPE x_total counter\n");
}

TEST(ExpositionTest, EscapesBackslashQuoteAndNewlineInLabelValues) {
  Exposition out;
  out.Sample("x", {{"a", "back\\slash"}, {"b", "say \"hi\""}, {"c", "two\nlines"}}, 1);
  EXPECT_EQ(out.text(), "x{a=\"back\\\\slash\",b=\"say \\\"hi\\\"\",c=\"two\\nlines\"} 1\n");
}

TEST(ExpositionTest, WritesValuesAsPrometheusReadsThem) {
  Exposition out;
  out.Sample("a", {}, 0);
  out.Sample("b", {}, 12345678901234);
  out.Sample("c", {}, 0.25);
  out.Sample("d", {}, 1e-9);
  out.Sample("e", {}, std::numeric_limits<double>::infinity());
  out.Sample("f", {}, std::nan(""));
  EXPECT_EQ(out.text(), "a 0\nb 12345678901234\nc 0.25\nd 1e-09\ne +Inf\nf NaN\n");
}

TEST(HistogramTest, BucketsAreCumulativeWithInfSumAndCount) {
  Histogram h({1, 5, 10}, 1);
  for (const uint64_t v : {0, 1, 2, 5, 6, 10, 11, 1000}) h.Observe(v);
  Exposition out;
  h.Write(out, "h", {{"k", "v"}});
  EXPECT_EQ(out.text(),
            "h_bucket{k=\"v\",le=\"1\"} 2\n"  // 0 and 1: le is "less than or equal"
            "h_bucket{k=\"v\",le=\"5\"} 4\n"
            "h_bucket{k=\"v\",le=\"10\"} 6\n"
            "h_bucket{k=\"v\",le=\"+Inf\"} 8\n"
            "h_sum{k=\"v\"} 1035\n"
            "h_count{k=\"v\"} 8\n");
  EXPECT_EQ(h.count(), 8u);
}

TEST(HistogramTest, ScalesNanosecondsToSeconds) {
  Histogram h({1'000'000, 1'000'000'000}, 1e-9);
  h.Observe(500'000);
  h.Observe(2'000'000'000);
  Exposition out;
  h.Write(out, "t_seconds", {});
  EXPECT_EQ(out.text(),
            "t_seconds_bucket{le=\"0.001\"} 1\n"
            "t_seconds_bucket{le=\"1\"} 1\n"
            "t_seconds_bucket{le=\"+Inf\"} 2\n"
            "t_seconds_sum 2.0005\n"
            "t_seconds_count 2\n");
}

const std::vector<std::string> kMethods = {"/trygg.v1.ActionPlanService/CreatePlan",
                                           "/trygg.v1.StatusService/GetPlan"};

CallRecord Call(std::string_view method, grpc::StatusCode code, std::chrono::nanoseconds latency) {
  CallRecord call;
  call.method = method;
  call.code = code;
  call.latency = latency;
  return call;
}

TEST(MetricsTest, CountsCallsByMethodAndCanonicalCodeName) {
  Metrics metrics(kMethods);
  metrics.RecordCall(Call("/trygg.v1.ActionPlanService/CreatePlan", grpc::StatusCode::OK, 2ms));
  metrics.RecordCall(Call("/trygg.v1.ActionPlanService/CreatePlan", grpc::StatusCode::OK, 3ms));
  metrics.RecordCall(
      Call("/trygg.v1.ActionPlanService/CreatePlan", grpc::StatusCode::INVALID_ARGUMENT, 1ms));
  metrics.RecordCall(
      Call("/trygg.v1.StatusService/GetPlan", grpc::StatusCode::PERMISSION_DENIED, 1ms));
  const std::string text = metrics.Render({});
  const std::string create = "service=\"trygg.v1.ActionPlanService\",method=\"CreatePlan\"";
  EXPECT_TRUE(Contains(text, "trygg_rpc_handled_total{" + create + ",code=\"OK\"} 2\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_rpc_handled_total{" + create + ",code=\"INVALID_ARGUMENT\"} 1\n"))
      << text;
  EXPECT_TRUE(Contains(text,
                       "trygg_rpc_handled_total{service=\"trygg.v1.StatusService\",method=\"GetPlan\","
                       "code=\"PERMISSION_DENIED\"} 1\n"))
      << text;
  // A code that never happened is left out, except OK (zero for every method from the start).
  EXPECT_FALSE(Contains(text, create + ",code=\"NOT_FOUND\"")) << text;
  EXPECT_TRUE(Contains(text,
                       "trygg_rpc_handled_total{service=\"trygg.v1.StatusService\",method=\"GetPlan\","
                       "code=\"OK\"} 0\n"))
      << text;
  EXPECT_TRUE(Contains(text, "trygg_rpc_duration_seconds_count{" + create + "} 3\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_rpc_duration_seconds_sum{" + create + "} 0.006\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_rpc_duration_seconds_bucket{" + create + ",le=\"0.001\"} 1\n"))
      << text;
  EXPECT_TRUE(Contains(text, "trygg_rpc_duration_seconds_bucket{" + create + ",le=\"0.0025\"} 2\n"))
      << text;
}

TEST(MetricsTest, AnUnknownPathCountsUnderOther) {
  Metrics metrics(kMethods);
  metrics.RecordCall(Call("/no.Such/Method", grpc::StatusCode::UNIMPLEMENTED, 1ms));
  metrics.RecordCall(Call("garbage", grpc::StatusCode::UNIMPLEMENTED, 1ms));
  const std::string text = metrics.Render({});
  EXPECT_TRUE(Contains(text,
                       "trygg_rpc_handled_total{service=\"other\",method=\"other\","
                       "code=\"UNIMPLEMENTED\"} 2\n"))
      << text;
  EXPECT_FALSE(Contains(text, "no.Such")) << text;
}

TEST(MetricsTest, GroupCommitsCountEventsAndFillBothHistograms) {
  Metrics metrics({});
  metrics.RecordGroupCommit(1, 200us);
  metrics.RecordGroupCommit(7, 3ms);
  const std::string text = metrics.Render({});
  EXPECT_TRUE(Contains(text, "trygg_events_appended_total 8\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_group_commit_events_bucket{le=\"1\"} 1\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_group_commit_events_bucket{le=\"8\"} 2\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_group_commit_events_sum 8\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_group_commit_events_count 2\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_group_commit_sync_seconds_sum 0.0032\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_group_commit_sync_seconds_count 2\n")) << text;
}

TEST(MetricsTest, ShowsTheScrapedValuesAndLeavesOutWhatIsNotKnownYet) {
  Metrics metrics({});
  ScrapeValues values;
  values.store_size_bytes = 4096;
  values.writable = false;
  std::string text = metrics.Render(values);
  EXPECT_TRUE(Contains(text, "trygg_store_size_bytes 4096\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_store_writable 0\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_ready 0\n")) << text;
  EXPECT_FALSE(Contains(text, "trygg_log_head_position")) << text;
  EXPECT_TRUE(Contains(text, "trygg_build_info{version=\"")) << text;

  values.head_position = 100;
  values.projection_applied = 97;
  values.subscribers = 2;
  values.connections = 3;
  values.ready = true;
  text = metrics.Render(values);
  EXPECT_TRUE(Contains(text, "trygg_log_head_position 100\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_projection_lag_events 3\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_subscribers 2\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_connections 3\n")) << text;
  EXPECT_TRUE(Contains(text, "trygg_ready 1\n")) << text;
  for (const char* process :
       {"process_cpu_seconds_total ", "process_resident_memory_bytes ",
        "process_virtual_memory_bytes ", "process_start_time_seconds ", "process_open_fds ",
        "process_max_fds "}) {
    EXPECT_TRUE(Contains(text, "\n" + std::string(process))) << process;
  }
}

TEST(MetricsTest, MethodsOfServiceListsAServicesMethodsFromItsDescriptor) {
  // Linked, so its descriptors are in the generated pool.
  ASSERT_NE(v1::Head::descriptor(), nullptr);
  EXPECT_EQ(MethodsOfService("trygg.v1.EventLogService"),
            (std::vector<std::string>{"/trygg.v1.EventLogService/ReadStream",
                                      "/trygg.v1.EventLogService/ReadAll",
                                      "/trygg.v1.EventLogService/Subscribe",
                                      "/trygg.v1.EventLogService/GetHead"}));
  EXPECT_TRUE(MethodsOfService("no.such.Service").empty());
}

// promtool check metrics: the format and Prometheus' naming conventions.
TEST(MetricsTest, PromtoolFindsNothingToComplainAbout) {
  if (!testing::kHavePromtool) {
    GTEST_SKIP() << "promtool not found (Debian package prometheus): the exposition is not linted";
  }
  Metrics metrics({"/a.B/C", "/grpc.health.v1.Health/Check"});
  metrics.RecordCall(Call("/a.B/C", grpc::StatusCode::NOT_FOUND, 5ms));
  metrics.RecordCall(Call("/x", grpc::StatusCode::OK, 5ms));
  metrics.RecordGroupCommit(3, 1ms);
  ScrapeValues values;
  values.head_position = 3;
  values.projection_applied = 3;
  values.subscribers = 0;
  values.connections = 1;
  EXPECT_EQ(testing::PromtoolComplaints(metrics.Render(values)), "");
}

}  // namespace
}  // namespace trygg::server
