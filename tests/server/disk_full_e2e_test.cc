// trygg-server on a full disk: its store on an 8 MiB tmpfs, filled by ProposeMeasure commands until
// a write is refused with RESOURCE_EXHAUSTED and the message that says what to do. Meanwhile reads
// work, health says NOT_SERVING and /readyz 503; once a filler file on the tmpfs is deleted, writes succeed
// again by themselves and health says SERVING; after a restart every acknowledged write is where
// its reply said. Mounting needs root (CAP_SYS_ADMIN); elsewhere the test is skipped, saying so.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "http_client.h"
#include "server_process.h"
#include "trygg/eventstore/event_store.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/event_log.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;
namespace fs = std::filesystem;

constexpr char kPlan[] = "tryggare-varnamo-2026";
// The tmpfs, and what the filler takes of it (given back to free space).
constexpr char kTmpfsSize[] = "size=8m";
constexpr std::size_t kFillerBytes = std::size_t{3} << 20;
// More writes than fit in 8 MiB (each carries a 4,000-character description).
constexpr int kMaxWrites = 20'000;

// A tmpfs mounted on a directory for the test's lifetime.
class Tmpfs {
 public:
  explicit Tmpfs(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir_);
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, kTmpfsSize) != 0) {
      error_ = std::strerror(errno);
      return;
    }
    mounted_ = true;
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  fs::path dir_;
  bool mounted_ = false;
  std::string error_;
};

grpc::ClientContext* Deadlined(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kDeadline);
  return &context;
}

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

// grpc.health.v1.Health/Check for `service` answers SERVING.
bool ServiceIsServing(const std::string& address, const std::string& service) {
  // HealthCheckRequest{service}: field 1, length-delimited.
  const std::string request = std::string("\x0a", 1) + static_cast<char>(service.size()) + service;
  RawReply reply = RawCall(address, "/grpc.health.v1.Health/Check", {request});
  EXPECT_TRUE(reply.status.ok()) << reply.status.error_message();
  return reply.status.ok() && reply.messages.size() == 1 &&
         reply.messages[0] == std::string("\x08\x01", 2);  // HealthCheckResponse{SERVING}
}

// Waits until the whole server's health is `serving`, asking every 50 ms; false at the deadline.
bool AwaitServing(const std::string& address, bool serving) {
  const auto deadline = Clock::now() + kDeadline;
  while (Clock::now() < deadline) {
    if (IsServing(address) == serving) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// ProposeMeasure `command_id` (also its measure id) with a 4,000-character description.
grpc::Status Propose(v1::ActionPlanService::Stub& stub, const std::string& command_id,
                     v1::CommandReply* reply) {
  v1::ProposeMeasureRequest request;
  request.set_command_id(command_id);
  request.set_plan_id(kPlan);
  request.set_focus_area("narkotika");
  request.set_title("Åtgärd " + command_id);
  request.set_measure_id(command_id);
  request.set_description(std::string(4000, 'x'));
  grpc::ClientContext context;
  return stub.ProposeMeasure(Deadlined(context), request, reply);
}

// Every event in the log by position, read through EventLogService.ReadAll.
std::map<uint64_t, v1::Event> ReadLog(const std::string& address) {
  auto stub = v1::EventLogService::NewStub(Channel(address));
  std::map<uint64_t, v1::Event> log;
  uint64_t from = 1;
  for (;;) {
    v1::ReadAllRequest request;
    request.set_from_position(from);
    request.set_max_count(10'000);
    grpc::ClientContext context;
    auto reader = stub->ReadAll(Deadlined(context), request);
    v1::Event event;
    std::size_t read = 0;
    while (reader->Read(&event)) {
      log[event.position()] = event;
      from = event.position() + 1;
      ++read;
    }
    const grpc::Status status = reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok() || read == 0) return log;
  }
}

TEST(DiskFullE2eTest, AFullDiskRefusesWritesUntilSpaceReturnsAndLosesNothing) {
  TempDir dir;
  const fs::path disk = dir.Sub("disk");
  Tmpfs tmpfs(disk);
  if (!tmpfs.mounted()) {
    GTEST_SKIP() << "cannot mount an 8 MiB tmpfs for the full disk (" << tmpfs.error()
                 << "): this test needs root or CAP_SYS_ADMIN";
  }
  {
    std::ofstream filler(disk / "filler", std::ios::binary);
    filler << std::string(kFillerBytes, 'f');
    ASSERT_TRUE(filler.good()) << "cannot write the filler file on the tmpfs";
  }
  const std::vector<std::string> args = {"--listen", "127.0.0.1:0", "--data",
                                         (disk / "data").string(), "--allow-anonymous"};
  std::map<uint64_t, std::string> acknowledged;  // position → command id
  {
    RunningServer server(args);
    ASSERT_FALSE(server.address().empty());
    auto stub = v1::ActionPlanService::NewStub(Channel(server.address()));
    v1::CreatePlanRequest plan;
    plan.set_command_id("plan");
    plan.set_plan_id(kPlan);
    plan.set_name("Tryggare Värnamo 2026");
    plan.set_municipality("Värnamo kommun");
    plan.add_focus_areas()->set_key("narkotika");
    plan.mutable_focus_areas(0)->set_name("Narkotika");
    v1::CommandReply reply;
    grpc::ClientContext context;
    ASSERT_TRUE(stub->CreatePlan(Deadlined(context), plan, &reply).ok());
    acknowledged[reply.position()] = "plan";
    ASSERT_TRUE(IsServing(server.address()));

    // Fill the disk.
    grpc::Status refused;
    int next = 0;
    for (; next < kMaxWrites; ++next) {
      const std::string id = "m-" + std::to_string(next);
      refused = Propose(*stub, id, &reply);
      if (!refused.ok()) break;
      acknowledged[reply.position()] = id;
    }
    ASSERT_FALSE(refused.ok()) << kMaxWrites << " writes fit on an 8 MiB disk";
    std::cout << "the disk was full after " << next << " acknowledged writes\n";
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
        << refused.error_message();
    EXPECT_EQ(refused.error_message(), eventstore::kDiskFullMessage);
    const grpc::Status again = Propose(*stub, "m-again", &reply);
    EXPECT_EQ(again.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << again.error_message();

    // Reads work, and health says writes do not.
    EXPECT_EQ(ReadLog(server.address()).size(), acknowledged.size());
    EXPECT_FALSE(IsServing(server.address()));
    EXPECT_FALSE(ServiceIsServing(server.address(), "trygg.v1.ActionPlanService"));
    // ... and so do /readyz and the metrics.
    const HttpReply readyz = HttpRequest(server.http_address(), "/readyz");
    EXPECT_EQ(readyz.status, 503) << readyz.error;
    EXPECT_NE(readyz.body.find("refuses writes"), std::string::npos) << readyz.body;
    const std::string metrics = HttpRequest(server.http_address(), "/metrics").body;
    EXPECT_NE(metrics.find("\ntrygg_store_writable 0\n"), std::string::npos) << metrics;

    // Free space: writes come back by themselves.
    fs::remove(disk / "filler");
    const auto freed = Clock::now();
    ASSERT_TRUE(AwaitServing(server.address(), true)) << "health never said SERVING again";
    std::cout << "SERVING again "
              << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - freed).count()
              << " ms after space was freed\n";
    EXPECT_TRUE(ServiceIsServing(server.address(), "trygg.v1.ActionPlanService"));
    EXPECT_EQ(HttpRequest(server.http_address(), "/readyz").status, 200);
    for (int i = 0; i < 3; ++i) {
      const std::string id = "m-after-" + std::to_string(i);
      const grpc::Status status = Propose(*stub, id, &reply);
      ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
      acknowledged[reply.position()] = id;
    }
    EXPECT_EQ(server.Terminate(), 0);
  }
  // Restarted on the same store: every acknowledged write is where its reply said, and nothing
  // else is there.
  RunningServer server(args);
  ASSERT_FALSE(server.address().empty());
  const std::map<uint64_t, v1::Event> log = ReadLog(server.address());
  EXPECT_EQ(log.size(), acknowledged.size());
  for (const auto& [position, command_id] : acknowledged) {
    auto it = log.find(position);
    ASSERT_NE(it, log.end()) << "acknowledged position " << position << " is missing";
    EXPECT_EQ(it->second.command_id(), command_id) << "at position " << position;
  }
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace trygg::testing
