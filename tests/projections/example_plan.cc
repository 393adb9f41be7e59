#include "example_plan.h"

#include <google/protobuf/descriptor.h>

#include <string>
#include <utility>
#include <vector>

#include "trygg/domain/streams.h"

namespace trygg::projections::testing {
namespace {

using example_plan::Step;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Copies `from`'s field `f` into `to`'s field `t`, which has the same C++ type and label.
void CopyField(const Message& from, const FieldDescriptor* f, Message& to,
               const FieldDescriptor* t) {
  const Reflection* in = from.GetReflection();
  const Reflection* out = to.GetReflection();
  if (t->is_repeated()) {
    for (int i = 0; i < in->FieldSize(from, f); ++i) {
      switch (t->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
          out->AddString(&to, t, in->GetRepeatedString(from, f, i));
          break;
        case FieldDescriptor::CPPTYPE_MESSAGE:
          out->AddMessage(&to, t)->CopyFrom(in->GetRepeatedMessage(from, f, i));
          break;
        default: ADD_FAILURE() << "no copy of repeated " << t->full_name(); return;
      }
    }
    return;
  }
  switch (t->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: out->SetString(&to, t, in->GetString(from, f)); return;
    case FieldDescriptor::CPPTYPE_UINT32: out->SetUInt32(&to, t, in->GetUInt32(from, f)); return;
    case FieldDescriptor::CPPTYPE_UINT64: out->SetUInt64(&to, t, in->GetUInt64(from, f)); return;
    case FieldDescriptor::CPPTYPE_DOUBLE: out->SetDouble(&to, t, in->GetDouble(from, f)); return;
    case FieldDescriptor::CPPTYPE_ENUM:
      out->SetEnumValue(&to, t, in->GetEnumValue(from, f));
      return;
    default: ADD_FAILURE() << "no copy of " << t->full_name(); return;
  }
}

// The event the server writes for `request`: each of the event's fields that the request has by
// the same name and type is the request's (the whole plan's requests and events name their fields
// alike). What the server decides itself, a cause's number or the plan version, the caller sets.
template <class Event>
Event EventOf(const Message& request) {
  Event event;
  const google::protobuf::Descriptor* to = event.GetDescriptor();
  for (int i = 0; i < to->field_count(); ++i) {
    const FieldDescriptor* t = to->field(i);
    const FieldDescriptor* f = request.GetDescriptor()->FindFieldByName(t->name());
    if (f == nullptr || f->cpp_type() != t->cpp_type() || f->is_repeated() != t->is_repeated()) {
      continue;
    }
    CopyField(request, f, event, t);
  }
  return event;
}

// Appends `event` to `stream` as whoever the table says recorded it: the coordinator, or the
// agency's own principal (named by the agency's id).
void Record(History& h, const std::string& stream, const Message& event,
            example_plan::RecordedBy by = {}) {
  if (by.empty()) {
    h.Append(stream, event);
  } else {
    h.Append(stream, event, by, by);
  }
}

void SituationPicture(History& h) {
  const std::string plan = domain::PlanStream(kPlanId);
  for (const auto& in : example_plan::kResidentInputs) {
    Record(h, plan, EventOf<v1::ResidentInputRecorded>(example_plan::InputRequest(in)),
           in.recorded_by);
  }
  for (const auto& f : example_plan::kFindings) {
    Record(h, plan, EventOf<v1::FindingRecorded>(example_plan::FindingRequest(f)), f.recorded_by);
  }
  for (const auto& c : example_plan::kCauses) {
    auto identified = EventOf<v1::CauseIdentified>(example_plan::CauseRequest(c));
    identified.set_number(c.number);
    Record(h, plan, identified);
  }
}

void RunStep(Step step, const example_plan::Measure& m, History& h) {
  const std::string stream = MeasureStream(m.id);
  switch (step) {
    case Step::kPropose:
      h.Append(stream, EventOf<v1::MeasureProposed>(example_plan::ProposeRequest(m)));
      return;
    case Step::kPrioritise: h.Prioritise(m.id, m.priority, m.rationale); return;
    case Step::kAssign: h.Assign(m.id, m.agency, m.due_date, m.assign_note); return;
    case Step::kSetGoals:
      for (const auto& r : example_plan::GoalRequests(m)) {
        h.Append(stream, EventOf<v1::OperationalGoalSet>(r));
      }
      return;
    case Step::kAddPartners:
      for (const auto& r : example_plan::PartnerRequests(m)) {
        h.Append(stream, EventOf<v1::PartnerAdded>(r));
      }
      return;
    case Step::kStart: h.Start(m.id); return;
    case Step::kReportProgress: h.Report(m.id, m.percent_complete, m.progress_note); return;
    case Step::kComplete: h.Complete(m.id, m.outcome); return;
    case Step::kWithdraw: h.Withdraw(m.id, m.withdrawal_reason); return;
  }
}

}  // namespace

void BuildTryggareVarnamo(History& history) {
  std::vector<std::pair<std::string, std::string>> focus_areas;
  for (const auto& [key, name] : example_plan::kFocusAreas) focus_areas.emplace_back(key, name);
  history.CreatePlan(kPlanId, example_plan::kPlanName, example_plan::kMunicipality, focus_areas);
  for (const auto& a : example_plan::kAgencies) history.RegisterAgency(a.id, a.name, a.kind);
  SituationPicture(history);
  const std::string plan = domain::PlanStream(kPlanId);
  for (const auto& g : example_plan::kWorkingGroups) {
    history.Append(plan, EventOf<v1::WorkingGroupFormed>(example_plan::GroupRequest(g)));
  }
  for (const auto& m : example_plan::kMeasures) {
    for (Step step : example_plan::StepsOf(m)) RunStep(step, m, history);
  }
  for (const auto& link : example_plan::kCauseLinks) {
    history.Append(MeasureStream(link.measure_id),
                   EventOf<v1::MeasureLinkedToCause>(example_plan::LinkRequest(link)));
  }
  auto adopted = EventOf<v1::PlanAdopted>(example_plan::AdoptRequest());
  adopted.set_version(1);
  history.Append(plan, adopted);
  history.Append(plan, EventOf<v1::CitizenPromiseMade>(example_plan::PromiseRequest()));
  for (const auto& f : example_plan::kFollowUps) {
    Record(history, MeasureStream(f.measure_id),
           EventOf<v1::FollowUpRecorded>(example_plan::FollowUpRequest(f)), f.recorded_by);
  }
}

}  // namespace trygg::projections::testing
