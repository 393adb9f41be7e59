#include "example_plan_data.h"

namespace trygg::example_plan {

using enum Step;

const std::array<ResidentInput, 3> kResidentInputs = {{
    {.id = "dialog-centrum-2026",
     .channel = v1::INPUT_CHANNEL_DIALOGUE,
     .area = "Centrum",
     .received_on = "2026-09-15",
     .people = 42,
     .summary = "Otrygghet vid resecentrum kvällstid; unga som samlas och säljer narkotika öppet"},
    {.id = "trygghetsvandring-pilagarden",
     .focus_area = "otrygghet",
     .channel = v1::INPUT_CHANNEL_SAFETY_WALK,
     .area = "Pilagården",
     .received_on = "2026-09-22",
     .people = 18,
     .summary = "Mörka gångvägar mellan skolan och busshållplatsen; trasig belysning i tunneln"},
    {.id = "enkat-polisen-2026",
     .channel = v1::INPUT_CHANNEL_SURVEY,
     .received_on = "2026-06-30",
     .people = 1240,
     .summary = "Polisens trygghetsmätning: problemindex 2,1 (2,4 i centrum); oro för "
                "narkotikaförsäljning ökar",
     .recorded_by = "polisen-lpo-varnamo"},
}};

const std::array<Finding, 8> kFindings = {{
    {.id = "f-nark-1",
     .focus_area = "narkotika",
     .source = v1::FINDING_SOURCE_CRIME_STATISTICS,
     .period = "2025–2026",
     .text = "Anmälda narkotikabrott +38 % jämfört med föregående år, främst innehav bland "
             "15–20-åringar"},
    {.id = "f-nark-2",
     .focus_area = "narkotika",
     .source = v1::FINDING_SOURCE_POLICE_INTELLIGENCE,
     .period = "2026",
     .text = "Öppen försäljning vid resecentrum och i centrum kvällstid, kopplad till ett "
             "kriminellt nätverk",
     .recorded_by = "polisen-lpo-varnamo"},
    {.id = "f-nark-3",
     .focus_area = "narkotika",
     .source = v1::FINDING_SOURCE_RESIDENT_INPUT,
     .period = "2026",
     .text = "Invånare ser försäljning öppet och uppfattar att ingen ingriper",
     .input_ids = {"dialog-centrum-2026"}},
    {.id = "f-otr-1",
     .focus_area = "otrygghet",
     .source = v1::FINDING_SOURCE_SAFETY_SURVEY,
     .period = "2026",
     .text = "Var tredje kvinna undviker centrum kvällstid",
     .input_ids = {"enkat-polisen-2026"}},
    {.id = "f-otr-2",
     .focus_area = "otrygghet",
     .source = v1::FINDING_SOURCE_RESIDENT_INPUT,
     .period = "2026",
     .text = "Mörka gång- och cykelvägar i Pilagården och vid tunneln",
     .input_ids = {"trygghetsvandring-pilagarden"}},
    {.id = "f-otr-3",
     .focus_area = "otrygghet",
     .source = v1::FINDING_SOURCE_INCIDENT_REPORTS,
     .period = "2026-T2",
     .text = "Skadegörelse och klotter i allmännyttans områden, 64 rapporter"},
    {.id = "f-otp-1",
     .focus_area = "otillaten-paverkan",
     .source = v1::FINDING_SOURCE_STAFF_DIALOGUE,
     .period = "2026",
     .text = "Handläggare av bygglov och försörjningsstöd har fått hot; få anmäls"},
    {.id = "f-otp-2",
     .focus_area = "otillaten-paverkan",
     .source = v1::FINDING_SOURCE_POLICE_INTELLIGENCE,
     .period = "2026",
     .text = "Försök att etablera kriminellt styrda företag i kommunala upphandlingar",
     .recorded_by = "polisen-lpo-varnamo"},
}};

const std::array<Cause, 8> kCauses = {{
    {"narkotika-1",
     "narkotika",
     1,
     "Unga rekryteras till försäljning via sociala medier och äldre kamrater",
     {"f-nark-1", "f-nark-2"}},
    {"narkotika-2",
     "narkotika",
     2,
     "Låg vuxennärvaro på platser där unga samlas kvällstid",
     {"f-nark-2", "f-nark-3"}},
    {"narkotika-3",
     "narkotika",
     3,
     "Föräldrar känner inte igen tidiga tecken på narkotikabruk",
     {"f-nark-1"}},
    {"otrygghet-1", "otrygghet", 1, "Dålig belysning och skymd sikt längs gångvägar", {"f-otr-2"}},
    {"otrygghet-2",
     "otrygghet",
     2,
     "Skadegörelse som inte åtgärdas snabbt signalerar att ingen bryr sig",
     {"f-otr-3"}},
    {"otrygghet-3",
     "otrygghet",
     3,
     "Upplevd öppen narkotikahandel i centrum",
     {"f-otr-1", "f-nark-3"}},
    {"otillaten-paverkan-1",
     "otillaten-paverkan",
     1,
     "Hot mot handläggare anmäls inte och följs inte upp",
     {"f-otp-1"}},
    {"otillaten-paverkan-2",
     "otillaten-paverkan",
     2,
     "Upphandlingar saknar kontroll av leverantörers kopplingar",
     {"f-otp-2"}},
}};

const std::array<Measure, 15> kMeasures = {{
    // Narkotika
    {.id = "example-1",
     .focus_area = "narkotika",
     .title = "SSPF-samverkan för unga i riskzon",
     .description = "Skola, socialtjänst, polis och fritid samverkar kring unga i riskzon.",
     .cause_ids = {"narkotika-1"},
     .kind = v1::MEASURE_KIND_SOCIAL,
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kReportProgress,
     .priority = v1::PRIORITY_HIGH,
     .rationale = "Flest unga i riskzon",
     .agency = "varnamo-kommun-socialtjansten",
     .due_date = "2027-06-30",
     .assign_note = "SSPF-gruppen träffas varannan vecka",
     .goals = {{"sspf-planer", "antal unga i SSPF-samverkan med upprättad plan", "antal", 0, 25,
                "2027-06-30"}},
     .percent_complete = 40,
     .progress_note = "Tolv ärenden följs upp"},
    {.id = "example-2",
     .focus_area = "narkotika",
     .title = "Föräldrautbildning om narkotika och tidiga tecken",
     .cause_ids = {"narkotika-3"},
     .kind = v1::MEASURE_KIND_SOCIAL,
     .effort = v1::EFFORT_ONE_OFF,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kAssign,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "varnamo-kommun-socialtjansten",
     .due_date = "2027-03-31"},
    {.id = "example-3",
     .focus_area = "narkotika",
     .title = "Riktade kontroller vid kända försäljningsplatser",
     .cause_ids = {"narkotika-2"},
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_SHORT_TERM,
     .last = kComplete,
     .priority = v1::PRIORITY_HIGH,
     .agency = "polisen-lpo-varnamo",
     .due_date = "2026-10-31",
     .outcome = "Fyra platser kontrollerade varje vecka under september och oktober"},
    {.id = "example-4",
     .focus_area = "narkotika",
     .title = "Fältassistenter kvällstid i centrum och vid resecentrum",
     .cause_ids = {"narkotika-2"},  // and otrygghet-3, linked later (kCauseLinks)
     .kind = v1::MEASURE_KIND_SOCIAL,
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_SHORT_TERM,
     .last = kAssign,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-fritid",
     .due_date = "2027-08-31",
     .assign_note = "Fyra tjänster, fredag och lördag kväll",
     .partners = {{"polisen-lpo-varnamo", "kommunpolisen deltar två kvällar i månaden"},
                  {"varnamo-kommun-socialtjansten", "fältsekreterare samordnar"}}},
    {.id = "example-5",
     .focus_area = "narkotika",
     .title = "Tillsyn av serveringstillstånd och tobaksförsäljning",
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .last = kPropose,
     .agency = "varnamo-kommun-ks"},
    // Otrygghet
    {.id = "example-6",
     .focus_area = "otrygghet",
     .title = "Trygghetsvandringar i bostadsområden",
     .cause_ids = {"otrygghet-1"},
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ONE_OFF,
     .expected_effect = v1::EXPECTED_EFFECT_SHORT_TERM,
     .last = kReportProgress,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "allmannyttan-varnamo",
     .due_date = "2027-05-31",
     .partners = {{"polisen-lpo-varnamo", "kommunpolisen går med på varje vandring"}},
     .percent_complete = 60,
     .progress_note = "Sex av tio områden genomvandrade"},
    {.id = "example-7",
     .focus_area = "otrygghet",
     .title = "Bättre belysning längs gång- och cykelvägar",
     .cause_ids = {"otrygghet-1"},
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ONE_OFF,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kAssign,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-tekniska",
     .due_date = "2026-09-30",  // passed: the example's one overdue measure
     .assign_note = "Börja med gång- och cykeltunneln vid Vråen",
     .goals = {{"trasiga-armaturer", "andel trasiga eller saknade armaturer på utpekade sträckor",
                "%", 30, 0, "2027-03-31"}}},
    {.id = "example-8",
     .focus_area = "otrygghet",
     .title = "Kamerabevakning vid resecentrum",
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ONE_OFF,
     .last = kPrioritise,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "polisen-lpo-varnamo"},
    {.id = "example-9",
     .focus_area = "otrygghet",
     .title = "Sanering av klotter och skadegörelse inom 24 timmar",
     .cause_ids = {"otrygghet-2"},
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_SHORT_TERM,
     .last = kComplete,
     .priority = v1::PRIORITY_LOW,
     .agency = "allmannyttan-varnamo",
     .due_date = "2026-08-31",
     .goals = {{"klotter-24h", "andel klotter sanerat inom 24 h", "%", 55, 95, "2026-12-31"}},
     .outcome = "Rutin införd; klotter saneras inom ett dygn"},
    {.id = "example-10",
     .focus_area = "otrygghet",
     .title = "Medborgardialog om trygghet i varje kommundel",
     .cause_ids = {"otrygghet-1"},
     .kind = v1::MEASURE_KIND_SOCIAL,
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kPropose,
     .agency = "varnamo-kommun-ks"},
    // Otillåten påverkan
    {.id = "example-11",
     .focus_area = "otillaten-paverkan",
     .title = "Utbildning för anställda om hot och otillåten påverkan",
     .cause_ids = {"otillaten-paverkan-1"},
     .kind = v1::MEASURE_KIND_SOCIAL,
     .effort = v1::EFFORT_ONE_OFF,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kReportProgress,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-ks",
     .due_date = "2027-02-28",
     .percent_complete = 25,
     .progress_note = "Två av åtta förvaltningar utbildade"},
    {.id = "example-12",
     .focus_area = "otillaten-paverkan",
     .title = "Rutin för att rapportera hot och påtryckningar mot handläggare",
     .cause_ids = {"otillaten-paverkan-1"},
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_SHORT_TERM,
     .last = kComplete,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-ks",
     .due_date = "2026-11-15",
     .outcome = "Rutinen antagen av kommunstyrelsen"},
    {.id = "example-13",
     .focus_area = "otillaten-paverkan",
     .title = "Kontroll av leverantörer vid upphandling",
     .cause_ids = {"otillaten-paverkan-2"},
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kPrioritise,
     .priority = v1::PRIORITY_HIGH,
     .agency = "varnamo-kommun-ks"},
    {.id = "example-14",
     .focus_area = "otillaten-paverkan",
     .title = "Gemensam lägesbild om kriminella nätverks påverkan, varje kvartal",
     .cause_ids = {"otillaten-paverkan-2"},
     .effort = v1::EFFORT_ORDINARY_WORK,
     .expected_effect = v1::EXPECTED_EFFECT_LONG_TERM,
     .last = kAssign,
     .priority = v1::PRIORITY_MEDIUM,
     .agency = "polisen-lpo-varnamo",
     .due_date = "2027-03-31"},
    {.id = "example-15",
     .focus_area = "otillaten-paverkan",
     .title = "Skyddade personuppgifter för utsatta tjänstepersoner",
     .cause_ids = {"otillaten-paverkan-1"},
     .kind = v1::MEASURE_KIND_SITUATIONAL,
     .effort = v1::EFFORT_ONE_OFF,
     .expected_effect = v1::EXPECTED_EFFECT_SHORT_TERM,
     .last = kWithdraw,
     .withdrawn_after = kAssign,
     .priority = v1::PRIORITY_LOW,
     .agency = "varnamo-kommun-ks",
     .due_date = "2026-11-30",
     .withdrawal_reason = "Hanteras av de nationella reglerna"},
}};

const std::array<WorkingGroup, 2> kWorkingGroups = {{
    {"styrgrupp-trygghet",
     "Styrgrupp för trygghet och brottsförebyggande arbete",
     {"varnamo-kommun-ks", "polisen-lpo-varnamo", "varnamo-kommun-socialtjansten",
      "varnamo-kommun-utbildning"},
     {}},
    {"arbetsgrupp-centrum",
     "Arbetsgrupp centrum",
     {"polisen-lpo-varnamo", "varnamo-kommun-fritid", "allmannyttan-varnamo"},
     {"narkotika", "otrygghet"}},
}};

const std::array<FollowUp, 7> kFollowUps = {{
    // 2026-T3 (September–December 2026)
    {.measure_id = "example-1",
     .period = "2026-T3",
     .party = "varnamo-kommun-socialtjansten",
     .health = v1::HEALTH_GREEN,
     .hours = 120,
     .comment = "Tolv unga har en upprättad plan",
     .values = {{"sspf-planer", 12}},
     .recorded_by = "varnamo-kommun-socialtjansten"},
    {.measure_id = "example-4",
     .period = "2026-T3",
     .party = "varnamo-kommun-fritid",
     .health = v1::HEALTH_YELLOW,
     .hours = 160,
     .cost_sek = 95000,
     .comment = "Två av fyra tjänster tillsatta"},
    {.measure_id = "example-4",
     .period = "2026-T3",
     .party = "polisen-lpo-varnamo",
     .health = v1::HEALTH_GREEN,
     .hours = 32,
     .comment = "Kommunpolisen deltog åtta kvällar",
     .recorded_by = "polisen-lpo-varnamo"},
    {.measure_id = "example-7",
     .period = "2026-T3",
     .party = "varnamo-kommun-tekniska",
     .health = v1::HEALTH_RED,
     .hours = 40,
     .cost_sek = 180000,
     .comment = "Leveransförsening av armaturer",
     .values = {{"trasiga-armaturer", 22}}},
    {.measure_id = "example-9",
     .period = "2026-T3",
     .party = "allmannyttan-varnamo",
     .health = v1::HEALTH_GREEN,
     .hours = 300,
     .cost_sek = 45000,
     .values = {{"klotter-24h", 91}},
     .recorded_by = "allmannyttan-varnamo"},
    // 2027-T1 (January–April 2027)
    {.measure_id = "example-7",
     .period = "2027-T1",
     .party = "varnamo-kommun-tekniska",
     .health = v1::HEALTH_YELLOW,
     .hours = 60,
     .cost_sek = 240000,
     .comment = "Armaturerna levererade; montering pågår",
     .values = {{"trasiga-armaturer", 8}}},
    {.measure_id = "example-4",
     .period = "2027-T1",
     .party = "varnamo-kommun-fritid",
     .health = v1::HEALTH_GREEN,
     .hours = 320,
     .cost_sek = 190000,
     .comment = "Alla fyra tjänster tillsatta"},
}};

namespace {

template <typename List>
void AddAll(google::protobuf::RepeatedPtrField<std::string>* field, const List& list) {
  for (std::string_view item : list) field->Add(std::string(item));
}

std::string Text(std::string_view text) { return std::string(text); }

}  // namespace

v1::RecordResidentInputRequest InputRequest(const ResidentInput& in) {
  v1::RecordResidentInputRequest r;
  r.set_command_id("example-input-" + Text(in.id));
  r.set_plan_id(Text(kPlanId));
  r.set_input_id(Text(in.id));
  r.set_focus_area(Text(in.focus_area));
  r.set_channel(in.channel);
  r.set_area(Text(in.area));
  r.set_received_on(Text(in.received_on));
  r.set_people(in.people);
  r.set_summary(Text(in.summary));
  return r;
}

v1::RecordFindingRequest FindingRequest(const Finding& f) {
  v1::RecordFindingRequest r;
  r.set_command_id("example-finding-" + Text(f.id));
  r.set_plan_id(Text(kPlanId));
  r.set_finding_id(Text(f.id));
  r.set_focus_area(Text(f.focus_area));
  r.set_text(Text(f.text));
  r.set_source(f.source);
  r.set_period(Text(f.period));
  AddAll(r.mutable_input_ids(), f.input_ids);
  return r;
}

v1::IdentifyCauseRequest CauseRequest(const Cause& c) {
  v1::IdentifyCauseRequest r;
  r.set_command_id("example-cause-" + Text(c.id));
  r.set_plan_id(Text(kPlanId));
  r.set_cause_id(Text(c.id));
  r.set_focus_area(Text(c.focus_area));
  r.set_text(Text(c.text));
  AddAll(r.mutable_finding_ids(), c.finding_ids);
  return r;
}

v1::FormWorkingGroupRequest GroupRequest(const WorkingGroup& g) {
  v1::FormWorkingGroupRequest r;
  r.set_command_id("example-group-" + Text(g.id));
  r.set_plan_id(Text(kPlanId));
  r.set_group_id(Text(g.id));
  r.set_name(Text(g.name));
  AddAll(r.mutable_agency_ids(), g.agency_ids);
  AddAll(r.mutable_focus_areas(), g.focus_areas);
  return r;
}

v1::ProposeMeasureRequest ProposeRequest(const Measure& m) {
  v1::ProposeMeasureRequest r;
  r.set_command_id(Text(m.id) + "-propose");
  r.set_plan_id(Text(kPlanId));
  r.set_focus_area(Text(m.focus_area));
  r.set_title(Text(m.title));
  r.set_description(Text(m.description));
  r.set_measure_id(Text(m.id));
  AddAll(r.mutable_cause_ids(), m.cause_ids);
  r.set_kind(m.kind);
  r.set_effort(m.effort);
  r.set_expected_effect(m.expected_effect);
  return r;
}

std::vector<v1::SetOperationalGoalRequest> GoalRequests(const Measure& m) {
  std::vector<v1::SetOperationalGoalRequest> out;
  for (const Goal& g : m.goals) {
    v1::SetOperationalGoalRequest& r = out.emplace_back();
    r.set_command_id(Text(m.id) + "-goal-" + Text(g.id));
    r.set_measure_id(Text(m.id));
    r.set_goal_id(Text(g.id));
    r.set_indicator(Text(g.indicator));
    r.set_unit(Text(g.unit));
    r.set_baseline(g.baseline);
    r.set_target(g.target);
    r.set_by_date(Text(g.by_date));
  }
  return out;
}

std::vector<v1::AddPartnerRequest> PartnerRequests(const Measure& m) {
  std::vector<v1::AddPartnerRequest> out;
  for (const Partner& p : m.partners) {
    v1::AddPartnerRequest& r = out.emplace_back();
    r.set_command_id(Text(m.id) + "-partner-" + Text(p.agency));
    r.set_measure_id(Text(m.id));
    r.set_agency_id(Text(p.agency));
    r.set_commitment(Text(p.commitment));
  }
  return out;
}

v1::LinkMeasureToCauseRequest LinkRequest(const CauseLink& link) {
  v1::LinkMeasureToCauseRequest r;
  r.set_command_id(Text(link.measure_id) + "-link-" + Text(link.cause_id));
  r.set_measure_id(Text(link.measure_id));
  r.set_cause_id(Text(link.cause_id));
  return r;
}

v1::AdoptPlanRequest AdoptRequest() {
  v1::AdoptPlanRequest r;
  r.set_command_id("example-adopt-1");
  r.set_plan_id(Text(kPlanId));
  r.set_adopted_by(Text(kAdoption.adopted_by));
  r.set_decision_date(Text(kAdoption.decision_date));
  r.set_reference(Text(kAdoption.reference));
  AddAll(r.mutable_signatories(), kAdoption.signatories);
  return r;
}

v1::MakeCitizenPromiseRequest PromiseRequest() {
  const CitizenPromise& p = kCitizenPromise;
  v1::MakeCitizenPromiseRequest r;
  r.set_command_id("example-promise-" + Text(p.id));
  r.set_plan_id(Text(kPlanId));
  r.set_promise_id(Text(p.id));
  r.set_text(Text(p.text));
  AddAll(r.mutable_measure_ids(), p.measure_ids);
  AddAll(r.mutable_signatories(), p.signatories);
  r.set_valid_from(Text(p.valid_from));
  r.set_valid_to(Text(p.valid_to));
  return r;
}

v1::RecordFollowUpRequest FollowUpRequest(const FollowUp& f) {
  v1::RecordFollowUpRequest r;
  r.set_command_id("example-follow-up-" + Text(f.measure_id) + "-" + Text(f.period) + "-" +
                   Text(f.party));
  r.set_measure_id(Text(f.measure_id));
  r.set_period(Text(f.period));
  r.set_party(Text(f.party));
  r.set_health(f.health);
  r.set_hours(f.hours);
  r.set_cost_sek(f.cost_sek);
  r.set_comment(Text(f.comment));
  for (const auto& [goal, value] : f.values) {
    v1::IndicatorValue* v = r.add_values();
    v->set_goal_id(Text(goal));
    v->set_value(value);
  }
  return r;
}

std::vector<Step> StepsOf(const Measure& measure) {
  const Step until = measure.last == kWithdraw ? measure.withdrawn_after : measure.last;
  std::vector<Step> steps;
  for (Step step : {kPropose, kPrioritise, kAssign}) {
    if (step <= until) steps.push_back(step);
  }
  // Goals and partners are settled while the measure is being planned, before it starts.
  if (!measure.goals.empty()) steps.push_back(kSetGoals);
  if (!measure.partners.empty()) steps.push_back(kAddPartners);
  for (Step step : {kStart, kReportProgress, kComplete}) {
    if (step > until) break;
    // A completed measure goes from started to completed; progress reports are the in-progress
    // measures' own.
    if (step == kReportProgress && until == kComplete) continue;
    steps.push_back(step);
  }
  if (measure.last == kWithdraw) steps.push_back(kWithdraw);
  return steps;
}

}  // namespace trygg::example_plan
