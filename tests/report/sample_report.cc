#include "sample_report.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace trygg::report::testing {
namespace {

namespace v1 = ::trygg::v1;

constexpr const char* kPolice = "polisen-lpo-varnamo";
constexpr const char* kKs = "varnamo-kommun-ks";
constexpr const char* kSocial = "varnamo-kommun-socialtjansten";
constexpr const char* kLeisure = "varnamo-kommun-fritid";
constexpr const char* kStreets = "varnamo-kommun-tekniska";
constexpr const char* kHousing = "allmannyttan-varnamo";

std::string Internal(const std::string& what) { return std::string(kInternal) + "-" + what; }

void AddAgencies(v1::PlanReport* report) {
  const std::vector<std::pair<std::string, std::string>> agencies = {
      {kHousing, "Kommunens bostadsbolag"},
      {kPolice, "Polisen, lokalpolisområde Värnamo"},
      {kKs, "Värnamo kommun, kommunledningsförvaltningen"},
      {kLeisure, "Värnamo kommun, kultur- och fritidsförvaltningen"},
      {kSocial, "Värnamo kommun, socialförvaltningen"},
      {kStreets, "Värnamo kommun, tekniska förvaltningen"},
  };
  for (const auto& [id, name] : agencies) {
    v1::Agency* a = report->add_agencies();
    a->set_agency_id(id);
    a->set_name(name);
    a->set_kind("municipality");
  }
}

struct AreaSpec {
  const char* key;
  const char* name;
};
constexpr AreaSpec kAreas[] = {{"narkotika", "Narkotika"},
                               {"otrygghet", "Otrygghet"},
                               {"otillaten-paverkan", "Otillåten påverkan"}};

void AddSituation(v1::PlanReport* report) {
  v1::SituationPicture* s = report->mutable_situation();
  s->set_plan_id("tryggare-varnamo-2026");
  struct FindingSpec {
    const char* id;
    int area;
    v1::FindingSource source;
    const char* period;
    const char* text;
  };
  const FindingSpec findings[] = {
      {"f-nark-1", 0, v1::FINDING_SOURCE_CRIME_STATISTICS, "2025–2026",
       "Anmälda narkotikabrott +38 % jämfört med föregående år"},
      {"f-nark-2", 0, v1::FINDING_SOURCE_POLICE_INTELLIGENCE, "2026",
       "Öppen försäljning vid resecentrum och i centrum kvällstid"},
      {"f-nark-3", 0, v1::FINDING_SOURCE_RESIDENT_INPUT, "2026",
       "Invånare ser försäljning öppet och uppfattar att ingen ingriper"},
      {"f-otr-1", 1, v1::FINDING_SOURCE_SAFETY_SURVEY, "2026",
       "Var tredje kvinna undviker centrum kvällstid"},
      {"f-otr-2", 1, v1::FINDING_SOURCE_RESIDENT_INPUT, "2026",
       "Mörka gång- och cykelvägar i Pilagården och vid tunneln"},
      {"f-otr-3", 1, v1::FINDING_SOURCE_INCIDENT_REPORTS, "2026-T2",
       "Skadegörelse och klotter i allmännyttans områden, 64 rapporter"},
      {"f-otp-1", 2, v1::FINDING_SOURCE_STAFF_DIALOGUE, "2026",
       "Handläggare av bygglov och försörjningsstöd har fått hot; få anmäls"},
      {"f-otp-2", 2, v1::FINDING_SOURCE_POLICE_INTELLIGENCE, "2026",
       "Försök att etablera kriminellt styrda företag i kommunala upphandlingar"},
      {"f-otp-3", 2, v1::FINDING_SOURCE_OTHER, "2026", "Oklart vem som äger frågan om mutor"},
  };
  struct CauseSpec {
    const char* id;
    int area;
    int number;
    const char* text;
    std::vector<std::string> findings;
    std::vector<std::string> measures;
  };
  const CauseSpec causes[] = {
      {"c-nark-1",
       0,
       1,
       "Unga rekryteras till försäljning via sociala medier och äldre kamrater",
       {"f-nark-1", "f-nark-2"},
       {"m-01", "m-03"}},
      {"c-nark-2",
       0,
       2,
       "Låg vuxennärvaro på platser där unga samlas kvällstid",
       {"f-nark-2", "f-nark-3"},
       {"m-04"}},
      {"c-nark-3",
       0,
       3,
       "Föräldrar känner inte igen tidiga tecken på narkotikabruk",
       {"f-nark-1"},
       {"m-02"}},
      {"c-otr-1",
       1,
       1,
       "Dålig belysning och skymd sikt längs gångvägar",
       {"f-otr-2"},
       {"m-06", "m-07"}},
      {"c-otr-2",
       1,
       2,
       "Skadegörelse som inte åtgärdas snabbt signalerar att ingen bryr sig",
       {"f-otr-3"},
       {"m-09"}},
      {"c-otr-3",
       1,
       3,
       "Upplevd öppen narkotikahandel i centrum",
       {"f-otr-1", "f-nark-3"},
       {"m-04"}},
      {"c-otp-1",
       2,
       1,
       "Hot mot handläggare anmäls inte och följs inte upp",
       {"f-otp-1"},
       {"m-11", "m-12", "m-15"}},
      {"c-otp-2",
       2,
       2,
       "Upphandlingar saknar kontroll av leverantörers kopplingar",
       {"f-otp-2"},
       {"m-13"}},
      {"c-otp-3", 2, 3, "Bristande kunskap om korruptionsrisker", {"f-otp-1"}, {}},
  };
  for (int i = 0; i < 3; ++i) {
    v1::FocusAreaPicture* area = s->add_focus_areas();
    area->mutable_focus_area()->set_key(kAreas[i].key);
    area->mutable_focus_area()->set_name(kAreas[i].name);
    for (const FindingSpec& f : findings) {
      if (f.area != i) continue;
      v1::Finding* finding = area->add_findings();
      finding->set_finding_id(f.id);
      finding->set_focus_area(kAreas[i].key);
      finding->set_text(f.text);
      finding->set_source(f.source);
      finding->set_period(f.period);
      finding->set_recorded_by(Internal("handläggare-lägesbild"));
    }
    for (const CauseSpec& c : causes) {
      if (c.area != i) continue;
      v1::Cause* cause = area->add_causes();
      cause->set_cause_id(c.id);
      cause->set_focus_area(kAreas[i].key);
      cause->set_number(c.number);
      cause->set_text(c.text);
      for (const std::string& f : c.findings) cause->add_finding_ids(f);
      for (const std::string& m : c.measures) cause->add_measure_ids(m);
    }
  }
  v1::ResidentInput* input = s->mutable_focus_areas(0)->add_inputs();
  input->set_input_id("dialog-centrum-2026");
  input->set_focus_area("narkotika");
  input->set_channel(v1::INPUT_CHANNEL_DIALOGUE);
  input->set_area("Centrum");
  input->set_received_on("2026-09-15");
  input->set_people(42);
  input->set_summary("Otrygghet vid resecentrum kvällstid");
  input->set_recorded_by(Internal("handläggare-dialog"));
}

v1::FollowUp MakeFollowUp(const std::string& period, const std::string& party, v1::Health health,
                          double hours, uint64_t cost, const std::string& comment) {
  v1::FollowUp f;
  f.set_period(period);
  f.set_party(party);
  f.set_health(health);
  f.set_hours(hours);
  f.set_cost_sek(cost);
  f.set_comment(comment);
  f.set_recorded_by(Internal("handläggare-" + party));
  f.mutable_recorded_at()->set_seconds(1796000000);  // 2026-11-30
  f.set_plan_version(1);
  return f;
}

v1::OperationalGoal MakeGoal(const std::string& id, const std::string& indicator,
                             const std::string& unit, double baseline, double target,
                             const std::string& by, std::optional<double> latest, bool met) {
  v1::OperationalGoal g;
  g.set_goal_id(id);
  g.set_indicator(indicator);
  g.set_unit(unit);
  g.set_baseline(baseline);
  g.set_target(target);
  g.set_by_date(by);
  if (latest) {
    g.set_latest_value(*latest);
    g.set_latest_value_period("2026-T3");
  }
  g.set_met(met);
  return g;
}

struct MeasureSpec {
  const char* id;
  int area;
  const char* title;
  v1::MeasureStatus status;
  const char* responsible;
  const char* due;
  std::vector<std::string> causes;
};

v1::Measure MakeMeasure(const MeasureSpec& spec) {
  v1::Measure m;
  m.set_measure_id(spec.id);
  m.set_plan_id("tryggare-varnamo-2026");
  m.set_focus_area(kAreas[spec.area].key);
  m.set_title(spec.title);
  m.set_description(Internal(std::string("beskrivning-") + spec.id));
  m.set_status(spec.status);
  m.set_responsible_agency_id(spec.responsible);
  m.set_due_date(spec.due);
  m.set_last_note(Internal(std::string("anteckning-") + spec.id));
  m.set_proposed_by(Internal("handläggare-samordnare"));
  m.set_version(7);
  for (const std::string& c : spec.causes) m.add_cause_ids(c);
  m.set_kind(v1::MEASURE_KIND_SOCIAL);
  m.set_effort(v1::EFFORT_ORDINARY_WORK);
  m.set_expected_effect(v1::EXPECTED_EFFECT_LONG_TERM);
  m.set_plan_version(1);
  if (spec.status == v1::MEASURE_STATUS_COMPLETED) {
    m.set_percent_complete(100);
    m.set_outcome(Internal(std::string("resultat-") + spec.id));
  }
  if (spec.status == v1::MEASURE_STATUS_WITHDRAWN) {
    m.set_withdrawal_reason(Internal("återkallelse: hanteras av nationella regler"));
  }
  return m;
}

void AddMeasures(v1::PlanReport* report) {
  using S = v1::MeasureStatus;
  const S proposed = v1::MEASURE_STATUS_PROPOSED, prioritised = v1::MEASURE_STATUS_PRIORITISED,
          assigned = v1::MEASURE_STATUS_ASSIGNED, started = v1::MEASURE_STATUS_IN_PROGRESS,
          completed = v1::MEASURE_STATUS_COMPLETED, withdrawn = v1::MEASURE_STATUS_WITHDRAWN;
  const MeasureSpec specs[] = {
      {"m-01",
       0,
       "SSPF-samverkan för unga i riskzon",
       started,
       kSocial,
       "2027-06-30",
       {"c-nark-1"}},
      {"m-02",
       0,
       "Föräldrautbildning om narkotika och tidiga tecken",
       assigned,
       kSocial,
       "2027-03-31",
       {"c-nark-3"}},
      {"m-03",
       0,
       "Riktade kontroller vid kända försäljningsplatser",
       completed,
       kPolice,
       "2026-10-31",
       {"c-nark-1"}},
      {"m-04",
       0,
       "Fältassistenter kvällstid i centrum och vid resecentrum",
       started,
       kLeisure,
       "2027-12-31",
       {"c-nark-2", "c-otr-3"}},
      {"m-05", 0, "Tillsyn av serveringstillstånd och tobaksförsäljning", proposed, "", "", {}},
      {"m-06",
       1,
       "Trygghetsvandringar i bostadsområden",
       started,
       kHousing,
       "2027-06-30",
       {"c-otr-1"}},
      {"m-07",
       1,
       "Bättre belysning längs gång- och cykelvägar",
       assigned,
       kStreets,
       "2026-11-30",
       {"c-otr-1"}},
      {"m-09",
       1,
       "Sanering av klotter och skadegörelse inom 24 timmar",
       completed,
       kHousing,
       "2026-12-15",
       {"c-otr-2"}},
      {"m-11",
       2,
       "Utbildning för anställda om hot och otillåten påverkan",
       started,
       kKs,
       "2027-05-31",
       {"c-otp-1"}},
      {"m-12",
       2,
       "Rutin för att rapportera hot och påtryckningar mot handläggare",
       completed,
       kKs,
       "2026-09-30",
       {"c-otp-1"}},
      {"m-13", 2, "Kontroll av leverantörer vid upphandling", prioritised, "", "", {"c-otp-2"}},
      {"m-15",
       2,
       "Skyddade personuppgifter för utsatta tjänstepersoner",
       withdrawn,
       kKs,
       "2027-01-31",
       {"c-otp-1"}},
  };
  for (const MeasureSpec& spec : specs) *report->add_measures() = MakeMeasure(spec);
  std::map<std::string, v1::Measure*> by_id;
  for (v1::Measure& m : *report->mutable_measures()) by_id[m.measure_id()] = &m;

  by_id["m-01"]->set_percent_complete(40);
  *by_id["m-01"]->add_goals() = MakeGoal("g-sspf", "antal unga i SSPF-samverkan med upprättad plan",
                                         "", 0, 25, "2027-06-30", 8, false);
  by_id["m-03"]->set_kind(v1::MEASURE_KIND_SITUATIONAL);
  by_id["m-03"]->set_effort(v1::EFFORT_ONE_OFF);
  by_id["m-03"]->set_expected_effect(v1::EXPECTED_EFFECT_SHORT_TERM);
  v1::Measure* field = by_id["m-04"];
  field->set_kind(v1::MEASURE_KIND_SITUATIONAL);
  field->set_priority(v1::PRIORITY_HIGH);
  v1::Partner* p = field->add_partners();
  p->set_agency_id(kPolice);
  p->set_commitment(Internal("åtagande: kommunpolisen deltar två kvällar i månaden"));
  p = field->add_partners();
  p->set_agency_id(kSocial);
  p->set_commitment(Internal("åtagande: fältsekreterare samordnar"));
  p = by_id["m-06"]->add_partners();
  p->set_agency_id(kPolice);
  p->set_commitment(Internal("åtagande: deltar i vandringarna"));
  v1::Measure* lighting = by_id["m-07"];
  lighting->set_kind(v1::MEASURE_KIND_SITUATIONAL);
  lighting->set_effort(v1::EFFORT_ONE_OFF);
  lighting->set_overdue(true);
  *lighting->add_goals() =
      MakeGoal("g-armaturer", "andel trasiga eller saknade armaturer på utpekade sträckor", "%", 30,
               0, "2027-03-31", 22, false);
  *by_id["m-09"]->add_goals() = MakeGoal("g-klotter", "andel klotter sanerat inom 24 h", "%", 55,
                                         95, "2026-12-31", 91, false);
  by_id["m-09"]->set_kind(v1::MEASURE_KIND_SITUATIONAL);
  by_id["m-09"]->set_expected_effect(v1::EXPECTED_EFFECT_SHORT_TERM);

  // The period's follow-ups (also each party's latest), in measure-id order.
  const std::vector<std::pair<std::string, v1::FollowUp>> follow_ups = {
      {"m-01", MakeFollowUp("2026-T3", kSocial, v1::HEALTH_GREEN, 120, 45000,
                            Internal("kommentar-01: arbetet följer planen"))},
      {"m-04", MakeFollowUp("2026-T3", kLeisure, v1::HEALTH_YELLOW, 60, 12500,
                            Internal("kommentar-04: två av fyra tjänster tillsatta"))},
      {"m-04", MakeFollowUp("2026-T3", kPolice, v1::HEALTH_GREEN, 2.5, 0, "")},
      {"m-06", MakeFollowUp("2026-T3", kHousing, v1::HEALTH_GREEN, 16, 0,
                            Internal("kommentar-06: | tre vandringar,\n\"bra\" uppslutning"))},
      {"m-07", MakeFollowUp("2026-T3", kStreets, v1::HEALTH_RED, 8, 3000,
                            Internal("kommentar-07: leveransförsening av armaturer"))},
      {"m-09",
       MakeFollowUp("2026-T3", kHousing, v1::HEALTH_GREEN, 40, 20000, Internal("kommentar-09"))},
      {"m-11", MakeFollowUp("2026-T3", kKs, v1::HEALTH_GREEN, 30, 0, Internal("kommentar-11"))},
  };
  for (const auto& [id, f] : follow_ups) {
    v1::ReportedFollowUp* r = report->add_period_follow_ups();
    r->set_measure_id(id);
    *r->mutable_follow_up() = f;
    *by_id[id]->add_latest_follow_ups() = f;
  }
  v1::IndicatorValue* value =
      report->mutable_period_follow_ups(4)->mutable_follow_up()->add_values();
  value->set_goal_id("g-armaturer");
  value->set_value(22);

  auto change = [report](const std::string& id, v1::MeasureChangeKind kind,
                         const std::string& from = "", const std::string& to = "") {
    v1::MeasureChange* c = report->add_changes();
    c->set_measure_id(id);
    c->set_kind(kind);
    c->set_from_due_date(from);
    c->set_to_due_date(to);
  };
  change("m-07", v1::MEASURE_CHANGE_KIND_DEADLINE_MOVED, "2026-10-31", "2026-11-30");
  change("m-09", v1::MEASURE_CHANGE_KIND_COMPLETED);
  change("m-11", v1::MEASURE_CHANGE_KIND_STARTED);
  change("m-13", v1::MEASURE_CHANGE_KIND_NEW);
  change("m-15", v1::MEASURE_CHANGE_KIND_WITHDRAWN);
  report->set_total_measures(report->measures_size());
}

v1::FollowUpTotals Totals(uint64_t green, uint64_t yellow, uint64_t red, uint64_t missing,
                          double hours, uint64_t cost) {
  v1::FollowUpTotals t;
  t.set_green(green);
  t.set_yellow(yellow);
  t.set_red(red);
  t.set_missing(missing);
  t.set_hours(hours);
  t.set_cost_sek(cost);
  t.set_goals_not_met(red > 0 ? 1 : 0);
  return t;
}

void AddHistory(v1::PlanReport* report) {
  v1::FollowUpSummary* t2 = report->add_follow_up_history();
  t2->set_plan_id("tryggare-varnamo-2026");
  t2->set_period("2026-T2");
  *t2->mutable_totals() = Totals(3, 0, 1, 1, 90, 10000);
  auto agency = [](v1::FollowUpSummary* s, const char* id, const char* name,
                   const v1::FollowUpTotals& totals) {
    v1::AgencyFollowUp* a = s->add_agencies();
    a->set_agency_id(id);
    a->set_name(name);
    *a->mutable_totals() = totals;
  };
  agency(t2, kHousing, "Kommunens bostadsbolag", Totals(1, 0, 0, 0, 20, 5000));
  agency(t2, kSocial, "Värnamo kommun, socialförvaltningen", Totals(2, 0, 0, 1, 60, 5000));
  agency(t2, kStreets, "Värnamo kommun, tekniska förvaltningen", Totals(0, 0, 1, 0, 10, 0));

  v1::FollowUpSummary* t3 = report->add_follow_up_history();
  t3->set_plan_id("tryggare-varnamo-2026");
  t3->set_period("2026-T3");
  *t3->mutable_totals() = Totals(5, 1, 1, 3, 276.5, 80500);
  agency(t3, kHousing, "Kommunens bostadsbolag", Totals(2, 0, 0, 0, 56, 20000));
  agency(t3, kPolice, "Polisen, lokalpolisområde Värnamo", Totals(1, 0, 0, 1, 2.5, 0));
  agency(t3, kKs, "Värnamo kommun, kommunledningsförvaltningen", Totals(1, 0, 0, 0, 30, 0));
  agency(t3, kLeisure, "Värnamo kommun, kultur- och fritidsförvaltningen",
         Totals(0, 1, 0, 0, 60, 12500));
  agency(t3, kSocial, "Värnamo kommun, socialförvaltningen", Totals(1, 0, 0, 2, 120, 45000));
  agency(t3, kStreets, "Värnamo kommun, tekniska förvaltningen", Totals(0, 0, 1, 0, 8, 3000));
  const v1::FollowUpTotals areas[] = {Totals(2, 1, 0, 2, 182.5, 57500),
                                      Totals(2, 0, 1, 1, 64, 23000), Totals(1, 0, 0, 0, 30, 0)};
  for (int i = 0; i < 3; ++i) {
    v1::FocusAreaFollowUp* a = t3->add_focus_areas();
    a->mutable_focus_area()->set_key(kAreas[i].key);
    a->mutable_focus_area()->set_name(kAreas[i].name);
    *a->mutable_totals() = areas[i];
  }
}

// Counts per focus area and status, from the measures (all on the one page).
void AddOverview(v1::PlanReport* report) {
  v1::PlanOverview* o = report->mutable_overview();
  o->set_plan_id("tryggare-varnamo-2026");
  o->set_name("Tryggare Värnamo 2026");
  o->set_municipality("Värnamo kommun");
  std::map<std::string, std::map<int, uint64_t>> counts;
  std::map<int, uint64_t> plan_counts;
  std::map<std::string, uint64_t> overdue;
  for (const v1::Measure& m : report->measures()) {
    ++counts[m.focus_area()][m.status()];
    ++plan_counts[m.status()];
    if (m.overdue()) ++overdue[m.focus_area()];
  }
  for (const AreaSpec& spec : kAreas) {
    v1::FocusAreaOverview* a = o->add_focus_areas();
    a->mutable_focus_area()->set_key(spec.key);
    a->mutable_focus_area()->set_name(spec.name);
    for (const auto& [status, n] : counts[spec.key]) {
      v1::StatusCount* c = a->add_counts();
      c->set_status(static_cast<v1::MeasureStatus>(status));
      c->set_count(n);
    }
    a->set_overdue(overdue[spec.key]);
  }
  for (const auto& [status, n] : plan_counts) {
    v1::StatusCount* c = o->add_counts();
    c->set_status(static_cast<v1::MeasureStatus>(status));
    c->set_count(n);
  }
  o->set_overdue(1);
  o->set_adopted_version(1);
  v1::PlanAdoption* adoption = o->mutable_latest_adoption();
  adoption->set_version(1);
  adoption->set_adopted_by("Kommunstyrelsen");
  adoption->set_decision_date("2026-11-04");
  adoption->set_reference("KS 2026/412");
  adoption->add_signatories("Kommunstyrelsens ordförande");
  adoption->add_signatories("Lokalpolisområdeschef");
  adoption->set_recorded_by(Internal("handläggare-samordnare"));
  adoption->set_position(4100);

  v1::WorkingGroup* g = o->add_working_groups();
  g->set_group_id("styrgrupp-trygghet");
  g->set_name("Styrgrupp för trygghet och brottsförebyggande arbete");
  for (const char* id : {kKs, kPolice, kSocial}) g->add_agency_ids(id);
  g = o->add_working_groups();
  g->set_group_id("arbetsgrupp-centrum");
  g->set_name("Arbetsgrupp centrum");
  for (const char* id : {kPolice, kLeisure, kHousing}) g->add_agency_ids(id);
  g->add_focus_areas("narkotika");
  g->add_focus_areas("otrygghet");

  v1::CitizenPromise* promise = o->add_citizen_promises();
  promise->set_promise_id("medborgarlofte-2026");
  promise->set_text("Klotter och skadegörelse i allmännyttans områden saneras inom ett dygn");
  promise->add_measure_ids("m-09");
  promise->add_signatories("Lokalpolisområdeschef");
  promise->set_valid_from("2026-01-01");
  promise->set_valid_to("2026-12-31");
  promise->set_ended(true);
  promise->set_end_reason(Internal("avslutsskäl: ersatt av 2027 års löfte"));
  promise = o->add_citizen_promises();
  promise->set_promise_id("medborgarlofte-2027");
  promise->set_text(
      "Polisen och Värnamo kommun lovar att öka vuxennärvaron i centrum och vid resecentrum "
      "fredag och lördag kväll, och att åtgärda trasig belysning på utpekade gångvägar inom en "
      "vecka");
  promise->add_measure_ids("m-04");
  promise->add_measure_ids("m-07");
  promise->add_signatories("Lokalpolisområdeschef");
  promise->add_signatories("Kommunstyrelsens ordförande");
  promise->set_valid_from("2027-01-01");
  promise->set_valid_to("2027-12-31");

  v1::TraceabilityFlagCounts* flags = o->mutable_flags();
  flags->set_period("2026-T3");
  flags->set_causes_without_measure(1);
  flags->set_measures_without_cause(1);
  flags->set_measures_without_goal(8);
  flags->set_measures_without_follow_up(1);
  flags->set_partners_never_followed_up(2);
  flags->set_findings_unused(1);
}

// The traceability of the page, with the flags for 2026-T3.
void AddTraceability(v1::PlanReport* report) {
  v1::Traceability* t = report->mutable_traceability();
  t->set_plan_id("tryggare-varnamo-2026");
  *t->mutable_counts() = report->overview().flags();
  for (int i = 0; i < 3; ++i) {
    const v1::FocusAreaPicture& picture = report->situation().focus_areas(i);
    v1::FocusAreaTrace* area = t->add_focus_areas();
    *area->mutable_focus_area() = picture.focus_area();
    for (const v1::Finding& f : picture.findings()) {
      v1::TracedFinding* traced = area->add_findings();
      traced->set_finding_id(f.finding_id());
      traced->set_text(f.text());
      traced->set_source(f.source());
      if (f.finding_id() == "f-otp-3") traced->add_flags(v1::TRACEABILITY_FLAG_FINDING_UNUSED);
    }
    for (const v1::Cause& c : picture.causes()) {
      v1::TracedCause* traced = area->add_causes();
      traced->set_cause_id(c.cause_id());
      traced->set_number(c.number());
      traced->set_text(c.text());
      *traced->mutable_finding_ids() = c.finding_ids();
      *traced->mutable_measure_ids() = c.measure_ids();
      if (c.measure_ids().empty()) traced->add_flags(v1::TRACEABILITY_FLAG_CAUSE_WITHOUT_MEASURE);
    }
    for (const v1::Measure& m : report->measures()) {
      if (m.focus_area() != picture.focus_area().key()) continue;
      v1::TracedMeasure* traced = area->add_measures();
      traced->set_measure_id(m.measure_id());
      traced->set_title(m.title());
      traced->set_status(m.status());
      traced->set_responsible_agency_id(m.responsible_agency_id());
      *traced->mutable_partners() = m.partners();
      *traced->mutable_cause_ids() = m.cause_ids();
      *traced->mutable_goals() = m.goals();
      *traced->mutable_latest_follow_ups() = m.latest_follow_ups();
      if (m.status() == v1::MEASURE_STATUS_WITHDRAWN) continue;
      if (m.cause_ids().empty()) traced->add_flags(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_CAUSE);
      if (m.goals().empty()) traced->add_flags(v1::TRACEABILITY_FLAG_MEASURE_WITHOUT_GOAL);
      if (m.measure_id() == "m-02") traced->add_flags(v1::TRACEABILITY_FLAG_NO_FOLLOW_UP);
      if (m.measure_id() == "m-04" || m.measure_id() == "m-06") {
        traced->add_flags(v1::TRACEABILITY_FLAG_PARTNER_NEVER_FOLLOWED_UP);
        traced->add_partners_never_followed_up(m.measure_id() == "m-04" ? kSocial : kPolice);
      }
    }
  }
}

}  // namespace

v1::PlanReport SampleReport() {
  v1::PlanReport report;
  report.set_position(4711);
  report.mutable_recorded_at()->set_seconds(1798712100);  // 2026-12-31T10:15:00Z
  report.set_head_hash("3f7a9c0e5b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a3c5e7b9d0f2a4c6e8b1d3f5a");
  report.set_today("2026-12-31");
  report.set_plan_version(1);
  report.set_period("2026-T3");
  report.set_previous_period("2026-T2");
  AddAgencies(&report);
  AddSituation(&report);
  AddMeasures(&report);
  AddOverview(&report);
  AddTraceability(&report);
  AddHistory(&report);
  return report;
}

}  // namespace trygg::report::testing
