// The write commands, one ActionPlanService RPC each. Every write carries a command_id (generated
// here unless --command-id gives one, so that a script can retry safely: the server answers a
// repeated command_id with its first reply and appends nothing). Measure writes take
// --expected-version. With --wait, the command then reads the object back with min_position set
// to the write's log position, so what it prints already reflects the write.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "cli/call.h"
#include "cli/commands.h"
#include "cli/describe.h"
#include "cli/views.h"
#include "common/csv.h"
#include "common/json.h"
#include "common/names.h"
#include "trygg/v1/action_plan.grpc.pb.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::CsvRecord;
using client::JsonObject;
using client::Outcome;
using client::OutputFormat;
using client::ParsePriority;
using client::SanitizeLine;

namespace {

namespace v1 = ::trygg::v1;
using Stub = v1::ActionPlanService::Stub;

constexpr uint32_t kAgencyPage = 500;

// 128 random bits as 32 hex digits. std::random_device reads the kernel's generator
// (/dev/urandom, getrandom) on Linux, so two invocations never share an id.
std::string NewCommandId() {
  std::random_device random;
  std::string id;
  for (int i = 0; i < 4; ++i) {
    char chunk[9];
    std::snprintf(chunk, sizeof chunk, "%08x", static_cast<unsigned>(random()));
    id += chunk;
  }
  return id;
}

// What is written to, for messages and for reading it back with --wait.
enum class Kind { kPlan, kAgency, kMeasure };

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kPlan: return "plan";
    case Kind::kAgency: return "agency";
    case Kind::kMeasure: return "measure";
  }
  return "";
}

// The options every write has.
struct WriteOptions {
  std::string command_id;
  uint64_t expected_version = 0;
  CLI::Option* expected_version_option = nullptr;  // null for plan and agency writes
  bool wait = false;

  bool has_expected_version() const {
    return expected_version_option != nullptr && expected_version_option->count() > 0;
  }
};

void AddWriteOptions(CLI::App* command, WriteOptions* options, bool versioned) {
  command->add_option("--command-id", options->command_id,
                      "the idempotency key (default: a random one); retrying with the same one "
                      "is safe");
  if (versioned) {
    options->expected_version_option =
        command->add_option("--expected-version", options->expected_version,
                            "fail (exit 5) unless the measure is at this version");
  }
  command->add_flag("--wait", options->wait,
                    "then print the object as it now stands, reflecting this write");
}

void Example(CLI::App* command, const std::string& example) {
  command->footer("Example:\n  " + example);
}

// Reads back what was written, at least at `reply.position()`, and prints it with the reply.
Outcome Report(Session& s, Kind kind, const std::string& done, const std::string& command_id,
               const v1::CommandReply& reply, bool wait) {
  v1::Measure measure;
  v1::PlanOverview plan;
  v1::AgencyStatus agency;
  if (wait) {
    auto stub = v1::StatusService::NewStub(s.channel());
    Outcome read = Outcome::Ok();
    switch (kind) {
      case Kind::kMeasure: {
        v1::GetMeasureRequest request;
        request.set_measure_id(reply.id());
        request.set_min_position(reply.position());
        read = CallUnary(s, *stub, &v1::StatusService::Stub::GetMeasure, request, &measure);
        break;
      }
      case Kind::kPlan: {
        v1::GetPlanOverviewRequest request;
        request.set_plan_id(reply.id());
        request.set_min_position(reply.position());
        read = CallUnary(s, *stub, &v1::StatusService::Stub::GetPlanOverview, request, &plan);
        break;
      }
      case Kind::kAgency: {
        v1::GetAgencyStatusRequest request;
        request.set_agency_id(reply.id());
        request.set_page_size(kAgencyPage);
        request.set_min_position(reply.position());
        read = CallUnary(s, *stub, &v1::StatusService::Stub::GetAgencyStatus, request, &agency);
        break;
      }
    }
    if (!read.ok()) {
      return Outcome::Fail(read.code(), "the write succeeded (log position " +
                                            std::to_string(reply.position()) +
                                            ") but reading it back failed: " + read.message());
    }
  }
  const google::protobuf::Message* object = nullptr;
  if (wait) {
    if (kind == Kind::kMeasure) object = &measure;
    if (kind == Kind::kPlan) object = &plan;
    if (kind == Kind::kAgency) object = &agency;
  }
  switch (s.format()) {
    case OutputFormat::kJson: {
      JsonObject doc;
      doc.AddString("commandId", command_id);
      doc.AddMessage("reply", reply);
      if (object != nullptr) doc.AddMessage(KindName(kind), *object);
      s.out() << doc.Finish();
      break;
    }
    case OutputFormat::kCsv:
      if (!wait) {
        s.out() << CsvRecord({"command_id", "id", "version", "position"})
                << CsvRecord({command_id, reply.id(), std::to_string(reply.version()),
                              std::to_string(reply.position())});
      } else if (kind == Kind::kMeasure) {
        s.out() << MeasuresCsv({&measure});
      } else if (kind == Kind::kPlan) {
        s.out() << PlanOverviewCsv(plan);
      } else {
        s.out() << AgencyCsv(agency);
      }
      break;
    case OutputFormat::kTable:
      s.out() << SanitizeLine(done + " " + KindName(kind) + " " + reply.id() + ": version " +
                              std::to_string(reply.version()) + ", log position " +
                              std::to_string(reply.position()) + " (command id " + command_id + ")")
              << "\n";
      if (wait) {
        s.out() << "\n";
        if (kind == Kind::kMeasure) s.out() << MeasureDetailText(measure, s.terminal());
        if (kind == Kind::kPlan) s.out() << PlanOverviewText(plan, s.terminal());
        if (kind == Kind::kAgency) s.out() << AgencyStatusText(agency, s.terminal());
      }
      break;
  }
  return Outcome::Ok();
}

// Sends `request` (its command-specific fields already set) with the write options, and
// reports. `done` is the past tense for the table line ("Assigned").
template <class Request>
Outcome RunWrite(Session& s, Request request,
                 grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, v1::CommandReply*),
                 const WriteOptions& options, Kind kind, const std::string& done,
                 const std::string& not_found_hint) {
  request.set_command_id(options.command_id.empty() ? NewCommandId() : options.command_id);
  if constexpr (requires { request.set_expected_version(uint64_t{0}); }) {
    if (options.has_expected_version()) request.set_expected_version(options.expected_version);
  }
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::ActionPlanService::NewStub(s.channel());
  v1::CommandReply reply;
  if (Outcome called = CallUnary(s, *stub, rpc, request, &reply, not_found_hint); !called.ok()) {
    return called;
  }
  return Report(s, kind, done, request.command_id(), reply, options.wait);
}

// Registers a write command: `add_fields` adds its own options to the subcommand and returns a
// function that builds and sends the request from them.
template <class Fields>
void AddWrite(CLI::App* group, const std::string& name, const std::string& description,
              bool versioned, const std::string& example, Action* action,
              Outcome (*run)(Session&, const Fields&, const WriteOptions&),
              void (*add_fields)(CLI::App*, Fields*)) {
  auto fields = std::make_shared<Fields>();
  auto options = std::make_shared<WriteOptions>();
  CLI::App* command = group->add_subcommand(name, description);
  add_fields(command, fields.get());
  AddWriteOptions(command, options.get(), versioned);
  Example(command, example);
  command->callback([action, fields, options, run] {
    *action = [fields, options, run](Session& s) { return run(s, *fields, *options); };
  });
}

// --- plan create ---------------------------------------------------------------------------

struct PlanFields {
  std::string plan, name, municipality;
  std::vector<std::string> focus_areas;  // "key=Name"
};

void AddPlanFields(CLI::App* c, PlanFields* f) {
  c->add_option("PLAN", f->plan, "the plan id, [a-z0-9-]")->required();
  c->add_option("--name", f->name, "the plan's name, e.g. \"Tryggare Värnamo 2026\"")->required();
  c->add_option("--municipality", f->municipality, "e.g. \"Värnamo kommun\"")->required();
  c->add_option("--focus-area", f->focus_areas,
                "a focus area as KEY=NAME, e.g. narkotika=Narkotika; repeat for each")
      ->required()
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            const std::size_t equals = value.find('=');
            return equals == std::string::npos || equals == 0 || equals + 1 == value.size()
                       ? "'" + value + "' is not KEY=NAME (e.g. narkotika=Narkotika)"
                       : "";
          },
          "KEY=NAME"));
}

Outcome RunPlanCreate(Session& s, const PlanFields& f, const WriteOptions& o) {
  v1::CreatePlanRequest request;
  request.set_plan_id(f.plan);
  request.set_name(f.name);
  request.set_municipality(f.municipality);
  for (const std::string& area : f.focus_areas) {
    const std::size_t equals = area.find('=');
    v1::FocusArea* focus_area = request.add_focus_areas();
    focus_area->set_key(area.substr(0, equals));
    focus_area->set_name(area.substr(equals + 1));
  }
  return RunWrite(s, request, &Stub::CreatePlan, o, Kind::kPlan, "Created", kPlanHint);
}

// --- agency register -----------------------------------------------------------------------

struct AgencyFields {
  std::string agency, name, kind;
};

void AddAgencyFields(CLI::App* c, AgencyFields* f) {
  c->add_option("AGENCY", f->agency, "the agency id, [a-z0-9-]")->required();
  c->add_option("--name", f->name, "e.g. \"Polisen, lokalpolisområde Värnamo\"")->required();
  c->add_option("--kind", f->kind, "free text, e.g. police, municipality, housing");
}

Outcome RunAgencyRegister(Session& s, const AgencyFields& f, const WriteOptions& o) {
  v1::RegisterAgencyRequest request;
  request.set_agency_id(f.agency);
  request.set_name(f.name);
  request.set_kind(f.kind);
  return RunWrite(s, request, &Stub::RegisterAgency, o, Kind::kAgency, "Registered", kAgencyHint);
}

// --- measure propose -----------------------------------------------------------------------

struct ProposeFields {
  std::string plan, focus_area, title, description, measure;
};

void AddProposeFields(CLI::App* c, ProposeFields* f) {
  c->add_option("--plan", f->plan, "the plan id")->required();
  c->add_option("--focus-area", f->focus_area, "a focus area key of the plan")->required();
  c->add_option("--title", f->title, "up to 200 characters")->required();
  c->add_option("--description", f->description, "free text");
  c->add_option("--id", f->measure, "the measure id, [a-z0-9-] (default: the server makes one)");
}

Outcome RunPropose(Session& s, const ProposeFields& f, const WriteOptions& o) {
  v1::ProposeMeasureRequest request;
  request.set_plan_id(f.plan);
  request.set_focus_area(f.focus_area);
  request.set_title(f.title);
  request.set_description(f.description);
  request.set_measure_id(f.measure);
  return RunWrite(s, request, &Stub::ProposeMeasure, o, Kind::kMeasure, "Proposed", kPlanHint);
}

// --- measure prioritise --------------------------------------------------------------------

struct PrioritiseFields {
  std::string measure, priority, rationale;
};

void AddPrioritiseFields(CLI::App* c, PrioritiseFields* f) {
  c->add_option("ID", f->measure, "the measure id")->required();
  c->add_option("--priority", f->priority, "high, medium or low")
      ->required()
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return ParsePriority(value) < 0
                       ? "'" + value + "' is not a priority; use high, medium or low"
                       : "";
          },
          "PRIORITY"));
  c->add_option("--rationale", f->rationale, "why");
}

Outcome RunPrioritise(Session& s, const PrioritiseFields& f, const WriteOptions& o) {
  v1::PrioritiseMeasureRequest request;
  request.set_measure_id(f.measure);
  request.set_priority(static_cast<v1::Priority>(ParsePriority(f.priority)));
  request.set_rationale(f.rationale);
  return RunWrite(s, request, &Stub::PrioritiseMeasure, o, Kind::kMeasure, "Prioritised",
                  kMeasureHint);
}

// --- measure assign ------------------------------------------------------------------------

struct AssignFields {
  std::string measure, agency, due, note;
};

void AddAssignFields(CLI::App* c, AssignFields* f) {
  c->add_option("ID", f->measure, "the measure id")->required();
  c->add_option("--agency", f->agency, "the responsible agency's id")->required();
  c->add_option("--due", f->due, "the due date, YYYY-MM-DD")->required();
  c->add_option("--note", f->note, "free text");
}

Outcome RunAssign(Session& s, const AssignFields& f, const WriteOptions& o) {
  v1::AssignMeasureRequest request;
  request.set_measure_id(f.measure);
  request.set_agency_id(f.agency);
  request.set_due_date(f.due);
  request.set_note(f.note);
  return RunWrite(s, request, &Stub::AssignMeasure, o, Kind::kMeasure, "Assigned",
                  "check the measure id (trygg measures list) and the agency id");
}

// --- measure start -------------------------------------------------------------------------

struct StartFields {
  std::string measure;
};

void AddStartFields(CLI::App* c, StartFields* f) {
  c->add_option("ID", f->measure, "the measure id")->required();
}

Outcome RunStart(Session& s, const StartFields& f, const WriteOptions& o) {
  v1::StartMeasureRequest request;
  request.set_measure_id(f.measure);
  return RunWrite(s, request, &Stub::StartMeasure, o, Kind::kMeasure, "Started", kMeasureHint);
}

// --- measure progress ----------------------------------------------------------------------

struct ProgressFields {
  std::string measure, note;
  uint32_t percent = 0;
};

void AddProgressFields(CLI::App* c, ProgressFields* f) {
  c->add_option("ID", f->measure, "the measure id")->required();
  c->add_option("--percent", f->percent, "percent complete, 0-100")
      ->required()
      ->check(CLI::Range(0, 100));
  c->add_option("--note", f->note, "what was done");
}

Outcome RunProgress(Session& s, const ProgressFields& f, const WriteOptions& o) {
  v1::ReportProgressRequest request;
  request.set_measure_id(f.measure);
  request.set_percent_complete(f.percent);
  request.set_note(f.note);
  return RunWrite(s, request, &Stub::ReportProgress, o, Kind::kMeasure, "Reported progress on",
                  kMeasureHint);
}

// --- measure complete ----------------------------------------------------------------------

struct CompleteFields {
  std::string measure, outcome;
};

void AddCompleteFields(CLI::App* c, CompleteFields* f) {
  c->add_option("ID", f->measure, "the measure id")->required();
  c->add_option("--outcome", f->outcome, "what it achieved");
}

Outcome RunComplete(Session& s, const CompleteFields& f, const WriteOptions& o) {
  v1::CompleteMeasureRequest request;
  request.set_measure_id(f.measure);
  request.set_outcome(f.outcome);
  return RunWrite(s, request, &Stub::CompleteMeasure, o, Kind::kMeasure, "Completed", kMeasureHint);
}

// --- measure withdraw ----------------------------------------------------------------------

struct WithdrawFields {
  std::string measure, reason;
};

void AddWithdrawFields(CLI::App* c, WithdrawFields* f) {
  c->add_option("ID", f->measure, "the measure id")->required();
  c->add_option("--reason", f->reason, "why");
}

Outcome RunWithdraw(Session& s, const WithdrawFields& f, const WriteOptions& o) {
  v1::WithdrawMeasureRequest request;
  request.set_measure_id(f.measure);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::WithdrawMeasure, o, Kind::kMeasure, "Withdrew", kMeasureHint);
}

}  // namespace

void AddWriteCommands(const CommandGroups& groups, Action* action) {
  AddWrite<PlanFields>(groups.plan, "create",
                       "Create a plan with its focus areas (role: coordinator)", false,
                       "trygg plan create tryggare-varnamo-2026 --name \"Tryggare Värnamo 2026\" "
                       "--municipality \"Värnamo kommun\" --focus-area narkotika=Narkotika "
                       "--focus-area otrygghet=Otrygghet",
                       action, RunPlanCreate, AddPlanFields);
  AddWrite<AgencyFields>(groups.agency, "register",
                         "Register an agency that can be responsible for measures (role: "
                         "coordinator)",
                         false,
                         "trygg agency register polisen-lpo-varnamo --name \"Polisen, "
                         "lokalpolisområde Värnamo\" --kind police",
                         action, RunAgencyRegister, AddAgencyFields);
  AddWrite<ProposeFields>(groups.measure, "propose",
                          "Propose a measure under a plan's focus area (roles: coordinator, "
                          "agency)",
                          false,
                          "trygg measure propose --plan tryggare-varnamo-2026 --focus-area "
                          "otrygghet --title \"Trygghetsvandringar i bostadsområden\" --wait",
                          action, RunPropose, AddProposeFields);
  AddWrite<PrioritiseFields>(groups.measure, "prioritise",
                             "Set or change a measure's priority (role: coordinator)", true,
                             "trygg measure prioritise example-6 --priority high --rationale "
                             "\"Many reports from residents\"",
                             action, RunPrioritise, AddPrioritiseFields);
  AddWrite<AssignFields>(groups.measure, "assign",
                         "Hand a prioritised measure to a responsible agency, or to another one "
                         "(role: coordinator)",
                         true,
                         "trygg measure assign example-8 --agency polisen-lpo-varnamo --due "
                         "2027-03-31 --wait",
                         action, RunAssign, AddAssignFields);
  AddWrite<StartFields>(
      groups.measure, "start", "Start an assigned measure (the responsible agency)", true,
      "trygg measure start example-2 --expected-version 3", action, RunStart, AddStartFields);
  AddWrite<ProgressFields>(groups.measure, "progress",
                           "Report progress on an assigned or started measure (the responsible "
                           "agency)",
                           true,
                           "trygg measure progress example-1 --percent 60 --note \"Two of three "
                           "schools done\"",
                           action, RunProgress, AddProgressFields);
  AddWrite<CompleteFields>(groups.measure, "complete",
                           "Complete an assigned or started measure; final (the responsible "
                           "agency)",
                           true, "trygg measure complete example-1 --outcome \"Routine in place\"",
                           action, RunComplete, AddCompleteFields);
  AddWrite<WithdrawFields>(groups.measure, "withdraw",
                           "Withdraw a measure that is not completed; final (role: coordinator)",
                           true,
                           "trygg measure withdraw example-10 --reason \"Covered by example-6\"",
                           action, RunWithdraw, AddWithdrawFields);
}

}  // namespace trygg::cli
