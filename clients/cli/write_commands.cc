// The write plumbing (write.h) and the writes of plans, agencies and a measure's lifecycle, one
// ActionPlanService RPC each; the whole plan's other writes are in plan_item_commands.cc and
// measure_item_commands.cc, the import in import_command.cc.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "cli/describe.h"
#include "cli/views.h"
#include "cli/write.h"
#include "common/csv.h"
#include "common/json.h"
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

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kPlan: return "plan";
    case Kind::kAgency: return "agency";
    case Kind::kMeasure: return "measure";
  }
  return "";
}

// `done` with "{item}" replaced by `item`.
std::string Done(std::string done, const std::string& item) {
  if (const std::size_t at = done.find("{item}"); at != std::string::npos) {
    done.replace(at, std::string_view("{item}").size(), item);
  }
  return done;
}

}  // namespace

std::string NewCommandId() {
  // std::random_device reads the kernel's generator (/dev/urandom, getrandom) on Linux.
  std::random_device random;
  std::string id;
  for (int i = 0; i < 4; ++i) {
    char chunk[9];
    std::snprintf(chunk, sizeof chunk, "%08x", static_cast<unsigned>(random()));
    id += chunk;
  }
  return id;
}

void AddWriteOptions(CLI::App* command, WriteOptions* options, Kind kind, bool versioned) {
  command->add_option("--command-id", options->command_id,
                      "the idempotency key (default: a random one); retrying with the same one "
                      "is safe");
  if (versioned) {
    options->expected_version_option = command->add_option(
        "--expected-version", options->expected_version,
        std::string("fail (exit 5) unless the ") + KindName(kind) + " is at this version");
  }
  command->add_flag(
      "--wait", options->wait,
      std::string("then print the ") + KindName(kind) + " as it now stands, reflecting this write");
}

CLI::Validator EnumCheck(client::Vocabulary vocabulary) {
  return CLI::Validator(
      [vocabulary](std::string& value) { return client::EnumError(vocabulary, value); }, "WORD");
}

Outcome ReportWrite(Session& s, Kind kind, const std::string& done, const std::string& command_id,
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
        std::vector<std::string> header = {"command_id", "id", "version", "position"};
        std::vector<std::string> values = {command_id, reply.id(), std::to_string(reply.version()),
                                           std::to_string(reply.position())};
        if (!reply.item_id().empty()) {
          header.push_back("item_id");
          values.push_back(reply.item_id());
        }
        s.out() << CsvRecord(header) << CsvRecord(values);
      } else if (kind == Kind::kMeasure) {
        s.out() << MeasuresCsv({&measure});
      } else if (kind == Kind::kPlan) {
        s.out() << PlanOverviewCsv(plan);
      } else {
        s.out() << AgencyCsv(agency);
      }
      break;
    case OutputFormat::kTable:
      s.out() << SanitizeLine(Done(done, reply.item_id()) + " " + KindName(kind) + " " +
                              reply.id() + ": version " + std::to_string(reply.version()) +
                              ", log position " + std::to_string(reply.position()) +
                              " (command id " + command_id + ")")
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

namespace {

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
  std::string plan, focus_area, title, description, measure, kind, effort, effect;
  std::vector<std::string> causes;
};

void AddProposeFields(CLI::App* c, ProposeFields* f) {
  c->add_option("--plan", f->plan, "the plan id")->required();
  c->add_option("--focus-area", f->focus_area, "a focus area key of the plan")->required();
  c->add_option("--title", f->title, "up to 200 characters")->required();
  c->add_option("--description", f->description, "free text");
  c->add_option("--id", f->measure, "the measure id, [a-z0-9-] (default: the server makes one)");
  c->add_option("--cause", f->causes, "a cause of the plan it addresses; repeat for each");
  c->add_option("--kind", f->kind, "situational or social")
      ->check(EnumCheck(client::Vocabulary::kMeasureKind));
  c->add_option("--effort", f->effort, "one-off or ordinary-work")
      ->check(EnumCheck(client::Vocabulary::kEffort));
  c->add_option("--effect", f->effect, "expected effect: short-term or long-term")
      ->check(EnumCheck(client::Vocabulary::kExpectedEffect));
}

// The value of an optional enum option: 0 (UNSPECIFIED) when not given.
int OptionalEnum(client::Vocabulary vocabulary, const std::string& text) {
  return text.empty() ? 0 : client::ParseEnum(vocabulary, text);
}

Outcome RunPropose(Session& s, const ProposeFields& f, const WriteOptions& o) {
  v1::ProposeMeasureRequest request;
  request.set_plan_id(f.plan);
  request.set_focus_area(f.focus_area);
  request.set_title(f.title);
  request.set_description(f.description);
  request.set_measure_id(f.measure);
  for (const std::string& cause : f.causes) request.add_cause_ids(cause);
  request.set_kind(
      static_cast<v1::MeasureKind>(OptionalEnum(client::Vocabulary::kMeasureKind, f.kind)));
  request.set_effort(static_cast<v1::Effort>(OptionalEnum(client::Vocabulary::kEffort, f.effort)));
  request.set_expected_effect(
      static_cast<v1::ExpectedEffect>(OptionalEnum(client::Vocabulary::kExpectedEffect, f.effect)));
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
  AddWrite<PlanFields>(
      groups.plan,
      {"create", "Create a plan with its focus areas (role: coordinator)", Kind::kPlan, false,
       "trygg plan create tryggare-varnamo-2026 --name \"Tryggare Värnamo 2026\" "
       "--municipality \"Värnamo kommun\" --focus-area narkotika=Narkotika "
       "--focus-area otrygghet=Otrygghet"},
      action, RunPlanCreate, AddPlanFields);
  AddWrite<AgencyFields>(groups.agency,
                         {"register",
                          "Register an agency that can be responsible for measures (role: "
                          "coordinator)",
                          Kind::kAgency, false,
                          "trygg agency register polisen-lpo-varnamo --name \"Polisen, "
                          "lokalpolisområde Värnamo\" --kind police"},
                         action, RunAgencyRegister, AddAgencyFields);
  AddWrite<ProposeFields>(groups.measure,
                          {"propose",
                           "Propose a measure under a plan's focus area, citing the causes it "
                           "addresses (roles: coordinator, agency)",
                           Kind::kMeasure, false,
                           "trygg measure propose --plan tryggare-varnamo-2026 --focus-area "
                           "otrygghet --title \"Trygghetsvandringar i bostadsområden\" --cause "
                           "c-5d2e8f7a9b10 --kind situational --effort ordinary-work --effect "
                           "short-term --wait"},
                          action, RunPropose, AddProposeFields);
  AddWrite<PrioritiseFields>(
      groups.measure,
      {"prioritise", "Set or change a measure's priority (role: coordinator)", Kind::kMeasure, true,
       "trygg measure prioritise example-6 --priority high --rationale "
       "\"Many reports from residents\""},
      action, RunPrioritise, AddPrioritiseFields);
  AddWrite<AssignFields>(groups.measure,
                         {"assign",
                          "Hand a prioritised measure to a responsible agency, or to another one "
                          "(role: coordinator)",
                          Kind::kMeasure, true,
                          "trygg measure assign example-8 --agency polisen-lpo-varnamo --due "
                          "2027-03-31 --wait"},
                         action, RunAssign, AddAssignFields);
  AddWrite<StartFields>(
      groups.measure,
      {"start", "Start an assigned measure (the responsible agency)", Kind::kMeasure, true,
       "trygg measure start example-2 --expected-version 3"},
      action, RunStart, AddStartFields);
  AddWrite<ProgressFields>(groups.measure,
                           {"progress",
                            "Report progress on an assigned or started measure (the responsible "
                            "agency)",
                            Kind::kMeasure, true,
                            "trygg measure progress example-1 --percent 60 --note \"Two of three "
                            "schools done\""},
                           action, RunProgress, AddProgressFields);
  AddWrite<CompleteFields>(
      groups.measure,
      {"complete",
       "Complete an assigned or started measure; final (the responsible "
       "agency)",
       Kind::kMeasure, true, "trygg measure complete example-1 --outcome \"Routine in place\""},
      action, RunComplete, AddCompleteFields);
  AddWrite<WithdrawFields>(
      groups.measure,
      {"withdraw", "Withdraw a measure that is not completed; final (role: coordinator)",
       Kind::kMeasure, true, "trygg measure withdraw example-10 --reason \"Covered by example-6\""},
      action, RunWithdraw, AddWithdrawFields);
  AddPlanItemCommands(groups, action);
  AddMeasureItemCommands(groups, action);
  AddImportCommand(groups, action);
}

}  // namespace trygg::cli
