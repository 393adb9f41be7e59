// The plan-level writes (SPEC12 "CLI command names"): residents' input, findings, causes, working
// groups, citizen promises and adoption. Each appends to the plan's stream, so each takes
// --expected-version of the plan's stream. The revise and change commands replace the whole
// finding, cause or group on the server: they read the current one first and keep what the
// command line does not give.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/write.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::cli {

using client::ExitCode;
using client::Outcome;
using client::ParseEnum;
using client::Vocabulary;

namespace {

namespace v1 = ::trygg::v1;
using Stub = v1::ActionPlanService::Stub;

constexpr char kPictureHint[] = "check the id with 'trygg plan picture PLAN --include-retired'";
constexpr char kGroupHint[] = "check the group id with 'trygg plan show PLAN'";
constexpr char kPromiseHint[] = "check the promise id with 'trygg plan show PLAN'";

void AddPlanArgument(CLI::App* c, std::string* plan) {
  c->add_option("PLAN", *plan, "the plan id")->required();
}

void AddIdOption(CLI::App* c, std::string* id, const std::string& what) {
  c->add_option("--id", *id,
                "the " + what +
                    "'s id, [a-z0-9-] (default: the server makes one from the command "
                    "id, so a retry gets the same)");
}

// --- input record --------------------------------------------------------------------------

struct InputFields {
  std::string plan, channel, received, summary, focus_area, area, id;
  uint32_t people = 0;
};

void AddInputFields(CLI::App* c, InputFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("--channel", f->channel,
                "where it came from: dialogue, survey, safety-walk, e-service or other")
      ->required()
      ->check(EnumCheck(Vocabulary::kInputChannel));
  c->add_option("--received", f->received, "the day it was received, YYYY-MM-DD")->required();
  c->add_option("--summary", f->summary,
                "what residents said, aggregated, up to 1,000 characters; no personal data "
                "(names, addresses, anything identifying a person)")
      ->required();
  c->add_option("--focus-area", f->focus_area, "a focus area key of the plan, if it concerns one");
  c->add_option("--area", f->area, "the place it concerns, e.g. a district (not an address)");
  c->add_option("--people", f->people, "how many took part, if known");
  AddIdOption(c, &f->id, "input");
}

Outcome RunInput(Session& s, const InputFields& f, const WriteOptions& o) {
  v1::RecordResidentInputRequest request;
  request.set_plan_id(f.plan);
  request.set_input_id(f.id);
  request.set_focus_area(f.focus_area);
  request.set_channel(
      static_cast<v1::InputChannel>(ParseEnum(Vocabulary::kInputChannel, f.channel)));
  request.set_area(f.area);
  request.set_received_on(f.received);
  request.set_people(f.people);
  request.set_summary(f.summary);
  return RunWrite(s, request, &Stub::RecordResidentInput, o, Kind::kPlan,
                  "Recorded residents' input {item} in", kPlanHint);
}

// --- finding record | revise | retire ------------------------------------------------------

struct FindingFields {
  std::string plan, focus_area, source, period, text, area, id;
  std::vector<std::string> cites;
};

void AddFindingFields(CLI::App* c, FindingFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("--focus-area", f->focus_area, "a focus area key of the plan")->required();
  c->add_option("--source", f->source,
                "crime-statistics, safety-survey, resident-input, staff-dialogue, "
                "police-intelligence (a police agency or a coordinator), incident-reports or "
                "other")
      ->required()
      ->check(EnumCheck(Vocabulary::kFindingSource));
  c->add_option("--period", f->period, "the period it covers, e.g. 2025-2026 or 2026-T2")
      ->required();
  c->add_option("--text", f->text, "the finding, up to 1,000 characters")->required();
  c->add_option("--area", f->area, "the place it concerns, e.g. a district");
  c->add_option("--cites", f->cites, "a residents' input it cites; repeat for each");
  AddIdOption(c, &f->id, "finding");
}

Outcome RunFindingRecord(Session& s, const FindingFields& f, const WriteOptions& o) {
  v1::RecordFindingRequest request;
  request.set_plan_id(f.plan);
  request.set_finding_id(f.id);
  request.set_focus_area(f.focus_area);
  request.set_text(f.text);
  request.set_source(
      static_cast<v1::FindingSource>(ParseEnum(Vocabulary::kFindingSource, f.source)));
  request.set_period(f.period);
  request.set_area(f.area);
  for (const std::string& input : f.cites) request.add_input_ids(input);
  return RunWrite(s, request, &Stub::RecordFinding, o, Kind::kPlan, "Recorded finding {item} in",
                  kPlanHint);
}

// The plan's situation picture with retired findings and causes, for the revise commands.
Outcome ReadPicture(Session& s, const std::string& plan, v1::SituationPicture* picture) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto stub = v1::StatusService::NewStub(s.channel());
  v1::GetSituationPictureRequest request;
  request.set_plan_id(plan);
  request.set_include_retired(true);
  return CallUnary(s, *stub, &v1::StatusService::Stub::GetSituationPicture, request, picture,
                   kPlanHint);
}

Outcome NoSuch(const std::string& what, const std::string& id, const std::string& plan,
               const std::string& hint) {
  return Outcome::Fail(ExitCode::kNotFound,
                       "no " + what + " '" + id + "' in plan " + plan + "; " + hint);
}

struct ReviseFindingFields {
  std::string plan, finding, text;
  std::vector<std::string> cites;
  bool no_cites = false;
};

void AddReviseFindingFields(CLI::App* c, ReviseFindingFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("FINDING", f->finding, "the finding id")->required();
  c->add_option("--text", f->text, "the new text (default: keep the current one)");
  CLI::Option* cites =
      c->add_option("--cites", f->cites,
                    "a residents' input it cites; repeat for each; replaces the current citations");
  c->add_flag("--no-cites", f->no_cites, "cite no residents' input any more")->excludes(cites);
}

Outcome RunFindingRevise(Session& s, const ReviseFindingFields& f, const WriteOptions& o) {
  v1::SituationPicture picture;
  if (Outcome read = ReadPicture(s, f.plan, &picture); !read.ok()) return read;
  const v1::Finding* current = nullptr;
  for (const auto& area : picture.focus_areas()) {
    for (const auto& finding : area.findings()) {
      if (finding.finding_id() == f.finding) current = &finding;
    }
  }
  if (current == nullptr) return NoSuch("finding", f.finding, f.plan, kPictureHint);
  v1::ReviseFindingRequest request;
  request.set_plan_id(f.plan);
  request.set_finding_id(f.finding);
  request.set_text(f.text.empty() ? current->text() : f.text);
  if (!f.cites.empty()) {
    for (const std::string& input : f.cites) request.add_input_ids(input);
  } else if (!f.no_cites) {
    *request.mutable_input_ids() = current->input_ids();
  }
  return RunWrite(s, request, &Stub::ReviseFinding, o, Kind::kPlan,
                  "Revised finding " + f.finding + " in", kPictureHint);
}

// FINDING/CAUSE/PROMISE --reason: retiring or ending something in a plan.
struct RetireFields {
  std::string plan, id, reason;
};

// `argument` names the positional ("FINDING"), `what` the thing ("finding").
void AddRetireFields(CLI::App* c, RetireFields* f, const std::string& argument,
                     const std::string& what) {
  AddPlanArgument(c, &f->plan);
  c->add_option(argument, f->id, "the " + what + " id")->required();
  c->add_option("--reason", f->reason, "why, up to 10,000 characters")->required();
}

void AddRetireFindingFields(CLI::App* c, RetireFields* f) {
  AddRetireFields(c, f, "FINDING", "finding");
}
void AddRetireCauseFields(CLI::App* c, RetireFields* f) { AddRetireFields(c, f, "CAUSE", "cause"); }
void AddEndPromiseFields(CLI::App* c, RetireFields* f) {
  AddRetireFields(c, f, "PROMISE", "promise");
}

Outcome RunFindingRetire(Session& s, const RetireFields& f, const WriteOptions& o) {
  v1::RetireFindingRequest request;
  request.set_plan_id(f.plan);
  request.set_finding_id(f.id);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::RetireFinding, o, Kind::kPlan,
                  "Retired finding " + f.id + " in", kPictureHint);
}

// --- cause identify | revise | retire ------------------------------------------------------

struct CauseFields {
  std::string plan, focus_area, text, id;
  std::vector<std::string> rests_on;
};

void AddCauseFields(CLI::App* c, CauseFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("--focus-area", f->focus_area, "a focus area key of the plan")->required();
  c->add_option("--text", f->text, "the cause, up to 1,000 characters")->required();
  c->add_option("--rests-on", f->rests_on, "a finding it rests on; repeat for each (at least one)")
      ->required();
  AddIdOption(c, &f->id, "cause");
}

Outcome RunCauseIdentify(Session& s, const CauseFields& f, const WriteOptions& o) {
  v1::IdentifyCauseRequest request;
  request.set_plan_id(f.plan);
  request.set_cause_id(f.id);
  request.set_focus_area(f.focus_area);
  request.set_text(f.text);
  for (const std::string& finding : f.rests_on) request.add_finding_ids(finding);
  return RunWrite(s, request, &Stub::IdentifyCause, o, Kind::kPlan, "Identified cause {item} in",
                  kPictureHint);
}

struct ReviseCauseFields {
  std::string plan, cause, text;
  std::vector<std::string> rests_on;
};

void AddReviseCauseFields(CLI::App* c, ReviseCauseFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("CAUSE", f->cause, "the cause id")->required();
  c->add_option("--text", f->text, "the new text (default: keep the current one)");
  c->add_option("--rests-on", f->rests_on,
                "a finding it rests on; repeat for each; replaces the current ones");
}

Outcome RunCauseRevise(Session& s, const ReviseCauseFields& f, const WriteOptions& o) {
  v1::SituationPicture picture;
  if (Outcome read = ReadPicture(s, f.plan, &picture); !read.ok()) return read;
  const v1::Cause* current = nullptr;
  for (const auto& area : picture.focus_areas()) {
    for (const auto& cause : area.causes()) {
      if (cause.cause_id() == f.cause) current = &cause;
    }
  }
  if (current == nullptr) return NoSuch("cause", f.cause, f.plan, kPictureHint);
  v1::ReviseCauseRequest request;
  request.set_plan_id(f.plan);
  request.set_cause_id(f.cause);
  request.set_text(f.text.empty() ? current->text() : f.text);
  if (f.rests_on.empty()) {
    *request.mutable_finding_ids() = current->finding_ids();
  } else {
    for (const std::string& finding : f.rests_on) request.add_finding_ids(finding);
  }
  return RunWrite(s, request, &Stub::ReviseCause, o, Kind::kPlan,
                  "Revised cause " + f.cause + " in", kPictureHint);
}

Outcome RunCauseRetire(Session& s, const RetireFields& f, const WriteOptions& o) {
  v1::RetireCauseRequest request;
  request.set_plan_id(f.plan);
  request.set_cause_id(f.id);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::RetireCause, o, Kind::kPlan, "Retired cause " + f.id + " in",
                  kPictureHint);
}

// --- group form | change -------------------------------------------------------------------

struct GroupFields {
  std::string plan, group, name, id;
  std::vector<std::string> members, focus_areas;
  bool all_focus_areas = false;
};

void AddGroupFormFields(CLI::App* c, GroupFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("--name", f->name, "e.g. \"Samverkansgrupp centrum\"")->required();
  c->add_option("--member", f->members, "a member agency's id; repeat for each")->required();
  c->add_option("--focus-area", f->focus_areas,
                "a focus area key it works on; repeat for each (default: every focus area)");
  AddIdOption(c, &f->id, "group");
}

Outcome RunGroupForm(Session& s, const GroupFields& f, const WriteOptions& o) {
  v1::FormWorkingGroupRequest request;
  request.set_plan_id(f.plan);
  request.set_group_id(f.id);
  request.set_name(f.name);
  for (const std::string& member : f.members) request.add_agency_ids(member);
  for (const std::string& area : f.focus_areas) request.add_focus_areas(area);
  return RunWrite(s, request, &Stub::FormWorkingGroup, o, Kind::kPlan,
                  "Formed working group {item} in", "check the plan id and the agency ids");
}

void AddGroupChangeFields(CLI::App* c, GroupFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("GROUP", f->group, "the group id")->required();
  c->add_option("--name", f->name, "the new name (default: keep the current one)");
  c->add_option("--member", f->members,
                "a member agency's id; repeat for each; replaces the current members");
  CLI::Option* areas =
      c->add_option("--focus-area", f->focus_areas,
                    "a focus area key it works on; repeat for each; replaces the current ones");
  c->add_flag("--all-focus-areas", f->all_focus_areas, "work on every focus area of the plan")
      ->excludes(areas);
}

Outcome RunGroupChange(Session& s, const GroupFields& f, const WriteOptions& o) {
  if (Outcome connected = s.Connect(); !connected.ok()) return connected;
  auto status = v1::StatusService::NewStub(s.channel());
  v1::GetPlanOverviewRequest read;
  read.set_plan_id(f.plan);
  v1::PlanOverview plan;
  if (Outcome got =
          CallUnary(s, *status, &v1::StatusService::Stub::GetPlanOverview, read, &plan, kPlanHint);
      !got.ok()) {
    return got;
  }
  const v1::WorkingGroup* current = nullptr;
  for (const auto& group : plan.working_groups()) {
    if (group.group_id() == f.group) current = &group;
  }
  if (current == nullptr) return NoSuch("working group", f.group, f.plan, kGroupHint);
  v1::ChangeWorkingGroupRequest request;
  request.set_plan_id(f.plan);
  request.set_group_id(f.group);
  request.set_name(f.name.empty() ? current->name() : f.name);
  if (f.members.empty()) {
    *request.mutable_agency_ids() = current->agency_ids();
  } else {
    for (const std::string& member : f.members) request.add_agency_ids(member);
  }
  if (!f.focus_areas.empty()) {
    for (const std::string& area : f.focus_areas) request.add_focus_areas(area);
  } else if (!f.all_focus_areas) {
    *request.mutable_focus_areas() = current->focus_areas();
  }
  return RunWrite(s, request, &Stub::ChangeWorkingGroup, o, Kind::kPlan,
                  "Changed working group " + f.group + " in", kGroupHint);
}

// --- promise make | end --------------------------------------------------------------------

struct PromiseFields {
  std::string plan, text, from, to, id;
  std::vector<std::string> measures, signed_by;
};

void AddPromiseFields(CLI::App* c, PromiseFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("--text", f->text, "the promise as published, up to 2,000 characters")->required();
  c->add_option("--measure", f->measures, "a measure that fulfils it; repeat for each")->required();
  c->add_option("--signed-by", f->signed_by,
                "a signatory's role, e.g. lokalpolisområdeschef; repeat for each (1-10)")
      ->required();
  c->add_option("--from", f->from, "valid from, YYYY-MM-DD")->required();
  c->add_option("--to", f->to, "valid to, YYYY-MM-DD")->required();
  AddIdOption(c, &f->id, "promise");
}

Outcome RunPromiseMake(Session& s, const PromiseFields& f, const WriteOptions& o) {
  v1::MakeCitizenPromiseRequest request;
  request.set_plan_id(f.plan);
  request.set_promise_id(f.id);
  request.set_text(f.text);
  for (const std::string& measure : f.measures) request.add_measure_ids(measure);
  for (const std::string& role : f.signed_by) request.add_signatories(role);
  request.set_valid_from(f.from);
  request.set_valid_to(f.to);
  return RunWrite(s, request, &Stub::MakeCitizenPromise, o, Kind::kPlan,
                  "Made citizen promise {item} in", "check the plan id and the measure ids");
}

Outcome RunPromiseEnd(Session& s, const RetireFields& f, const WriteOptions& o) {
  v1::EndCitizenPromiseRequest request;
  request.set_plan_id(f.plan);
  request.set_promise_id(f.id);
  request.set_reason(f.reason);
  return RunWrite(s, request, &Stub::EndCitizenPromise, o, Kind::kPlan,
                  "Ended citizen promise " + f.id + " in", kPromiseHint);
}

// --- plan adopt ----------------------------------------------------------------------------

struct AdoptFields {
  std::string plan, by, date, reference;
  std::vector<std::string> signed_by;
};

void AddAdoptFields(CLI::App* c, AdoptFields* f) {
  AddPlanArgument(c, &f->plan);
  c->add_option("--by", f->by, "the adopting body, e.g. Kommunstyrelsen")->required();
  c->add_option("--date", f->date, "the decision date, YYYY-MM-DD")->required();
  c->add_option("--reference", f->reference, "the decision's reference (diarienummer)")->required();
  c->add_option("--signed-by", f->signed_by, "a signatory's role; repeat for each (0-10)");
}

Outcome RunAdopt(Session& s, const AdoptFields& f, const WriteOptions& o) {
  v1::AdoptPlanRequest request;
  request.set_plan_id(f.plan);
  request.set_adopted_by(f.by);
  request.set_decision_date(f.date);
  request.set_reference(f.reference);
  for (const std::string& role : f.signed_by) request.add_signatories(role);
  return RunWrite(s, request, &Stub::AdoptPlan, o, Kind::kPlan, "Adopted", kPlanHint);
}

}  // namespace

void AddPlanItemCommands(const CommandGroups& groups, Action* action) {
  AddWrite<InputFields>(
      groups.input,
      {"record",
       "Record residents' input: aggregated, never personal data (roles: coordinator, agency)",
       Kind::kPlan, true,
       "trygg input record tryggare-varnamo-2026 --channel safety-walk --received 2026-09-17 "
       "--focus-area otrygghet --area Mossleberg --people 24 --summary \"Mörkt och otryggt vid "
       "gångtunneln under riksväg 27\"\n\nNo personal data (names, addresses, anything that "
       "identifies a person) belongs in residents' input: summarise what was said, not who "
       "said it."},
      action, RunInput, AddInputFields);
  AddWrite<FindingFields>(
      groups.finding,
      {"record",
       "Record a finding of the situation picture (roles: coordinator, agency; "
       "police-intelligence only a police agency)",
       Kind::kPlan, true,
       "trygg finding record tryggare-varnamo-2026 --focus-area narkotika --source "
       "crime-statistics --period 2025-2026 --text \"Anmälda narkotikabrott +38 %\""},
      action, RunFindingRecord, AddFindingFields);
  AddWrite<ReviseFindingFields>(
      groups.finding,
      {"revise",
       "Revise a finding's text or citations; what is not given stays (role: coordinator)",
       Kind::kPlan, true,
       "trygg finding revise tryggare-varnamo-2026 f-3a9c01b2d4e5 --text \"Anmälda "
       "narkotikabrott +41 % (reviderad statistik)\""},
      action, RunFindingRevise, AddReviseFindingFields);
  AddWrite<RetireFields>(
      groups.finding,
      {"retire", "Retire a finding, with a reason (role: coordinator)", Kind::kPlan, true,
       "trygg finding retire tryggare-varnamo-2026 f-3a9c01b2d4e5 --reason "
       "\"Ersatt av trygghetsmätningen 2026\""},
      action, RunFindingRetire, AddRetireFindingFields);
  AddWrite<CauseFields>(groups.cause,
                        {"identify",
                         "Identify a cause resting on findings; the server numbers it within its "
                         "focus area (role: coordinator)",
                         Kind::kPlan, true,
                         "trygg cause identify tryggare-varnamo-2026 --focus-area narkotika "
                         "--text \"Öppen försäljning vid resecentrum\" --rests-on "
                         "f-3a9c01b2d4e5"},
                        action, RunCauseIdentify, AddCauseFields);
  AddWrite<ReviseCauseFields>(
      groups.cause,
      {"revise", "Revise a cause's text or findings; what is not given stays (role: coordinator)",
       Kind::kPlan, true,
       "trygg cause revise tryggare-varnamo-2026 c-5d2e8f7a9b10 --rests-on f-3a9c01b2d4e5 "
       "--rests-on f-77aa0c1d2e3f"},
      action, RunCauseRevise, AddReviseCauseFields);
  AddWrite<RetireFields>(
      groups.cause,
      {"retire", "Retire a cause, with a reason (role: coordinator)", Kind::kPlan, true,
       "trygg cause retire tryggare-varnamo-2026 c-5d2e8f7a9b10 --reason "
       "\"Sammanslagen med orsak 1\""},
      action, RunCauseRetire, AddRetireCauseFields);
  AddWrite<GroupFields>(
      groups.group,
      {"form", "Form a working group of agencies (role: coordinator)", Kind::kPlan, true,
       "trygg group form tryggare-varnamo-2026 --name \"Samverkansgrupp "
       "centrum\" --member polisen-lpo-varnamo --member "
       "varnamo-kommun-socialtjansten --focus-area narkotika"},
      action, RunGroupForm, AddGroupFormFields);
  AddWrite<GroupFields>(groups.group,
                        {"change",
                         "Change a working group's name, members or focus areas; what is not "
                         "given stays (role: coordinator)",
                         Kind::kPlan, true,
                         "trygg group change tryggare-varnamo-2026 wg-1c2d3e4f5a6b --member "
                         "polisen-lpo-varnamo --member vidingehem --all-focus-areas"},
                        action, RunGroupChange, AddGroupChangeFields);
  AddWrite<PromiseFields>(groups.promise,
                          {"make",
                           "Make a citizen promise (medborgarlöfte) fulfilled by measures of the "
                           "plan (role: coordinator)",
                           Kind::kPlan, true,
                           "trygg promise make tryggare-varnamo-2026 --text \"Vi ökar "
                           "tryggheten vid resecentrum\" --measure example-6 --signed-by "
                           "lokalpolisområdeschef --signed-by \"kommunstyrelsens ordförande\" "
                           "--from 2027-01-01 --to 2027-12-31"},
                          action, RunPromiseMake, AddPromiseFields);
  AddWrite<RetireFields>(
      groups.promise,
      {"end", "End a citizen promise, with a reason (role: coordinator)", Kind::kPlan, true,
       "trygg promise end tryggare-varnamo-2026 p-0a1b2c3d4e5f --reason "
       "\"Ersatt av 2028 års medborgarlöfte\""},
      action, RunPromiseEnd, AddEndPromiseFields);
  AddWrite<AdoptFields>(groups.plan,
                        {"adopt",
                         "Record that the plan was adopted: the next plan version (role: "
                         "coordinator)",
                         Kind::kPlan, true,
                         "trygg plan adopt tryggare-varnamo-2026 --by Kommunstyrelsen --date "
                         "2026-11-24 --reference \"KS 2026/412\" --signed-by \"kommunstyrelsens "
                         "ordförande\""},
                        action, RunAdopt, AddAdoptFields);
}

}  // namespace trygg::cli
