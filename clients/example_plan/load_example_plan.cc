// trygg-load-example: loads the example plan of ../shared/example-plan.md ("Tryggare Värnamo
// 2026": three focus areas, eight agencies, fifteen measures in every state, one overdue) into a
// running trygg-server through ActionPlanService, as the coordinator and the responsible agencies
// would. Every command has a fixed command_id, so running it again changes nothing.
//
//   trygg-load-example --server 127.0.0.1:50051 --coordinator-token TOKEN
//       --agency-token polisen-lpo-varnamo=TOKEN --agency-token varnamo-kommun-ks=TOKEN ...
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "common/channel.h"
#include "common/outcome.h"
#include "common/settings.h"
#include "trygg/v1/action_plan.grpc.pb.h"

namespace {

namespace v1 = trygg::v1;

constexpr char kPlan[] = "tryggare-varnamo-2026";

struct Agency {
  const char* id;
  const char* name;
  const char* kind;
};

constexpr Agency kAgencies[] = {
    {"polisen-lpo-varnamo", "Polisen, lokalpolisområde Värnamo", "police"},
    {"varnamo-kommun-ks", "Värnamo kommun, kommunledningsförvaltningen", "municipality"},
    {"varnamo-kommun-socialtjansten", "Värnamo kommun, socialförvaltningen", "social services"},
    {"varnamo-kommun-utbildning", "Värnamo kommun, utbildningsförvaltningen", "schools"},
    {"varnamo-kommun-fritid", "Värnamo kommun, kultur- och fritidsförvaltningen",
     "leisure and youth"},
    {"varnamo-kommun-tekniska", "Värnamo kommun, tekniska förvaltningen",
     "streets, parks, lighting"},
    {"allmannyttan-varnamo", "Kommunens bostadsbolag", "municipal housing company"},
    {"raddningstjansten-varnamo", "Räddningstjänsten", "fire and rescue"},
};

enum class Target { kProposed, kPrioritised, kAssigned, kInProgress, kCompleted, kWithdrawn };

struct Measure {
  const char* focus_area;
  const char* title;
  const char* agency;
  Target target;
  v1::Priority priority;
  const char* due_date;
  unsigned percent;  // for kInProgress
};

// The fifteen measures of the example, in its order. Measure 7's due date has passed: overdue.
const Measure kMeasures[] = {
    {"narkotika", "SSPF-samverkan för unga i riskzon", "varnamo-kommun-socialtjansten",
     Target::kInProgress, v1::PRIORITY_HIGH, "2027-06-30", 40},
    {"narkotika", "Föräldrautbildning om narkotika och tidiga tecken",
     "varnamo-kommun-socialtjansten", Target::kAssigned, v1::PRIORITY_MEDIUM, "2027-03-31", 0},
    {"narkotika", "Riktade kontroller vid kända försäljningsplatser", "polisen-lpo-varnamo",
     Target::kCompleted, v1::PRIORITY_HIGH, "2026-10-31", 0},
    {"narkotika", "Fältassistenter kvällstid i centrum och vid resecentrum",
     "varnamo-kommun-fritid", Target::kPrioritised, v1::PRIORITY_HIGH, "", 0},
    {"narkotika", "Tillsyn av serveringstillstånd och tobaksförsäljning", "varnamo-kommun-ks",
     Target::kProposed, v1::PRIORITY_UNSPECIFIED, "", 0},
    {"otrygghet", "Trygghetsvandringar i bostadsområden", "allmannyttan-varnamo",
     Target::kInProgress, v1::PRIORITY_MEDIUM, "2027-05-31", 60},
    {"otrygghet", "Bättre belysning längs gång- och cykelvägar", "varnamo-kommun-tekniska",
     Target::kAssigned, v1::PRIORITY_HIGH, "2026-09-30", 0},
    {"otrygghet", "Kamerabevakning vid resecentrum", "polisen-lpo-varnamo", Target::kPrioritised,
     v1::PRIORITY_MEDIUM, "", 0},
    {"otrygghet", "Sanering av klotter och skadegörelse inom 24 timmar", "allmannyttan-varnamo",
     Target::kCompleted, v1::PRIORITY_LOW, "2026-08-31", 0},
    {"otrygghet", "Medborgardialog om trygghet i varje kommundel", "varnamo-kommun-ks",
     Target::kProposed, v1::PRIORITY_UNSPECIFIED, "", 0},
    {"otillaten-paverkan", "Utbildning för anställda om hot och otillåten påverkan",
     "varnamo-kommun-ks", Target::kInProgress, v1::PRIORITY_HIGH, "2027-02-28", 25},
    {"otillaten-paverkan", "Rutin för att rapportera hot och påtryckningar mot handläggare",
     "varnamo-kommun-ks", Target::kCompleted, v1::PRIORITY_HIGH, "2026-11-15", 0},
    {"otillaten-paverkan", "Kontroll av leverantörer vid upphandling", "varnamo-kommun-ks",
     Target::kPrioritised, v1::PRIORITY_HIGH, "", 0},
    {"otillaten-paverkan", "Gemensam lägesbild om kriminella nätverks påverkan, varje kvartal",
     "polisen-lpo-varnamo", Target::kAssigned, v1::PRIORITY_MEDIUM, "2027-03-31", 0},
    {"otillaten-paverkan", "Skyddade personuppgifter för utsatta tjänstepersoner",
     "varnamo-kommun-ks", Target::kWithdrawn, v1::PRIORITY_UNSPECIFIED, "", 0},
};

class Loader {
 public:
  Loader(std::shared_ptr<grpc::Channel> channel, std::string coordinator,
         std::map<std::string, std::string> agency_tokens)
      : stub_(v1::ActionPlanService::NewStub(std::move(channel))),
        coordinator_(std::move(coordinator)),
        agency_tokens_(std::move(agency_tokens)) {}

  // Runs one command; false (after printing why) when it failed.
  template <typename Request>
  bool Call(const std::string& token, const std::string& what, Request request,
            grpc::Status (v1::ActionPlanService::Stub::*rpc)(grpc::ClientContext*, const Request&,
                                                             v1::CommandReply*)) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::CommandReply reply;
    grpc::Status status = ((*stub_).*rpc)(&context, request, &reply);
    if (!status.ok()) {
      std::cerr << "trygg-load-example: " << what << ": " << status.error_message() << " (code "
                << status.error_code() << ")\n";
      return false;
    }
    return true;
  }

  bool Load() {
    using Stub = v1::ActionPlanService::Stub;
    v1::CreatePlanRequest plan;
    plan.set_command_id("example-plan");
    plan.set_plan_id(kPlan);
    plan.set_name("Tryggare Värnamo 2026");
    plan.set_municipality("Värnamo kommun");
    for (auto [key, name] :
         {std::pair{"narkotika", "Narkotika"}, std::pair{"otrygghet", "Otrygghet"},
          std::pair{"otillaten-paverkan", "Otillåten påverkan"}}) {
      auto* area = plan.add_focus_areas();
      area->set_key(key);
      area->set_name(name);
    }
    bool ok = Call(coordinator_, "create plan", plan, &Stub::CreatePlan);
    for (const Agency& a : kAgencies) {
      v1::RegisterAgencyRequest r;
      r.set_command_id(std::string("example-agency-") + a.id);
      r.set_agency_id(a.id);
      r.set_name(a.name);
      r.set_kind(a.kind);
      ok = Call(coordinator_, std::string("register ") + a.id, r, &Stub::RegisterAgency) && ok;
    }
    for (std::size_t i = 0; i < std::size(kMeasures); ++i) ok = LoadMeasure(i, kMeasures[i]) && ok;
    return ok;
  }

 private:
  bool LoadMeasure(std::size_t index, const Measure& m) {
    using Stub = v1::ActionPlanService::Stub;
    const std::string id = "example-" + std::to_string(index + 1);
    const std::string cmd = "example-" + std::to_string(index + 1) + "-";
    v1::ProposeMeasureRequest propose;
    propose.set_command_id(cmd + "propose");
    propose.set_plan_id(kPlan);
    propose.set_focus_area(m.focus_area);
    propose.set_title(m.title);
    propose.set_measure_id(id);
    if (!Call(coordinator_, "propose " + id, propose, &Stub::ProposeMeasure)) return false;
    if (m.target == Target::kWithdrawn) {
      v1::WithdrawMeasureRequest w;
      w.set_command_id(cmd + "withdraw");
      w.set_measure_id(id);
      w.set_reason("Hanteras av de nationella reglerna");
      return Call(coordinator_, "withdraw " + id, w, &Stub::WithdrawMeasure);
    }
    if (m.target == Target::kProposed) return true;
    v1::PrioritiseMeasureRequest p;
    p.set_command_id(cmd + "prioritise");
    p.set_measure_id(id);
    p.set_priority(m.priority);
    if (!Call(coordinator_, "prioritise " + id, p, &Stub::PrioritiseMeasure)) return false;
    if (m.target == Target::kPrioritised) return true;
    v1::AssignMeasureRequest a;
    a.set_command_id(cmd + "assign");
    a.set_measure_id(id);
    a.set_agency_id(m.agency);
    a.set_due_date(m.due_date);
    if (!Call(coordinator_, "assign " + id, a, &Stub::AssignMeasure)) return false;
    if (m.target == Target::kAssigned) return true;

    auto token = agency_tokens_.find(m.agency);
    if (token == agency_tokens_.end()) {
      std::cerr << "trygg-load-example: no --agency-token for " << m.agency << " (needed for " << id
                << ")\n";
      return false;
    }
    v1::StartMeasureRequest s;
    s.set_command_id(cmd + "start");
    s.set_measure_id(id);
    if (!Call(token->second, "start " + id, s, &Stub::StartMeasure)) return false;
    if (m.target == Target::kInProgress) {
      v1::ReportProgressRequest r;
      r.set_command_id(cmd + "progress");
      r.set_measure_id(id);
      r.set_percent_complete(m.percent);
      r.set_note("Enligt plan");
      return Call(token->second, "report progress on " + id, r, &Stub::ReportProgress);
    }
    v1::CompleteMeasureRequest c;
    c.set_command_id(cmd + "complete");
    c.set_measure_id(id);
    c.set_outcome("Genomförd och uppföljd");
    return Call(token->second, "complete " + id, c, &Stub::CompleteMeasure);
  }

  std::unique_ptr<v1::ActionPlanService::Stub> stub_;
  std::string coordinator_;
  std::map<std::string, std::string> agency_tokens_;
};

}  // namespace

using trygg::client::ExitCode;

int Exit(ExitCode code) { return static_cast<int>(code); }

int main(int argc, char** argv) {
  CLI::App app(
      "trygg-load-example: loads the example plan 'Tryggare Värnamo 2026' into a running "
      "trygg-server. Safe to run again: every command has a fixed command id.");
  app.footer(
      "Example:\n  trygg-load-example --server 127.0.0.1:50051 --coordinator-token $COORD "
      "--agency-token polisen-lpo-varnamo=$POLICE\n"
      "Exit codes: 0 loaded, 1 a command failed, 2 bad usage.");
  // Plaintext to the loopback: settings with only a server make MakeChannel's plaintext channel.
  trygg::client::Settings settings;
  std::string coordinator;
  std::vector<std::string> agency_args;
  app.add_option("--server", settings.server, "trygg-server address")->capture_default_str();
  app.add_option("--coordinator-token", coordinator, "token of a coordinator")->required();
  app.add_option("--agency-token", agency_args,
                 "AGENCY=TOKEN of an agency principal; needed for the agencies that start and "
                 "complete measures (polisen-lpo-varnamo, varnamo-kommun-ks, "
                 "varnamo-kommun-socialtjansten, allmannyttan-varnamo)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? Exit(ExitCode::kOk) : Exit(ExitCode::kUsage);
  }
  std::map<std::string, std::string> agency_tokens;
  for (const std::string& arg : agency_args) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      std::cerr << "trygg-load-example: --agency-token wants AGENCY=TOKEN, not '" << arg << "'\n";
      return Exit(ExitCode::kUsage);
    }
    agency_tokens[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  std::shared_ptr<grpc::Channel> channel;
  if (trygg::client::Outcome made =
          trygg::client::MakeChannel(settings, grpc::ChannelArguments(), &channel);
      !made.ok()) {
    std::cerr << "trygg-load-example: " << made.message() << "\n";
    return made.exit_code();
  }
  Loader loader(std::move(channel), coordinator, std::move(agency_tokens));
  if (!loader.Load()) return Exit(ExitCode::kOther);
  std::cout << "loaded the example plan " << kPlan << " (3 focus areas, " << std::size(kAgencies)
            << " agencies, " << std::size(kMeasures) << " measures)" << std::endl;
  return Exit(ExitCode::kOk);
}
