// What each kind of report says (report/build.h), from the sample report (sample_report.h): the
// plan's numbering and placement of measures, the follow-up's counts, changes, overdue, yellow
// and red items and flags, the public page's silence about everything internal, English labels,
// and merging pages.
#include "report/build.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "report/render.h"
#include "sample_report.h"

namespace trygg::report {
namespace {

namespace v1 = ::trygg::v1;
using testing::kInternal;
using testing::SampleReport;

const Section& SectionTitled(const Document& document, const std::string& title) {
  for (const Section& s : document.sections) {
    if (s.title == title) return s;
  }
  ADD_FAILURE() << "no section " << title;
  static const Section kNone;
  return kNone;
}

const Table* TableTitled(const Section& section, const std::string& title) {
  for (const Block& b : section.blocks) {
    if (const auto* t = std::get_if<Table>(&b); t != nullptr && t->title == title) return t;
  }
  return nullptr;
}

std::vector<std::string> Paragraphs(const Section& section) {
  std::vector<std::string> texts;
  for (const Block& b : section.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) texts.push_back(p->text);
  }
  return texts;
}

// The cell of `row` under `column`.
const Cell& At(const Table& table, std::size_t row, const std::string& column) {
  const auto it = std::find(table.columns.begin(), table.columns.end(), column);
  EXPECT_NE(it, table.columns.end()) << "no column " << column << " in " << table.title;
  EXPECT_LT(row, table.rows.size()) << table.title;
  static const Cell kEmpty;
  if (it == table.columns.end() || row >= table.rows.size()) return kEmpty;
  return table.rows[row][it - table.columns.begin()];
}

// The first row whose `column` reads `text` (or begins with it, when `prefix`).
std::size_t RowWhere(const Table& table, const std::string& column, const std::string& text,
                     bool prefix = false) {
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const std::string& cell = At(table, r, column).text;
    if (cell == text || (prefix && cell.starts_with(text))) return r;
  }
  ADD_FAILURE() << "no row with " << column << " = " << text << " in " << table.title;
  return table.rows.size();
}

// Every row of `table` whose `column` begins with `text`.
std::vector<std::size_t> RowsWhere(const Table& table, const std::string& column,
                                   const std::string& text) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (At(table, r, column).text.starts_with(text)) rows.push_back(r);
  }
  return rows;
}

std::vector<std::string> Column(const Table& table, const std::string& column) {
  std::vector<std::string> cells;
  for (std::size_t r = 0; r < table.rows.size(); ++r) cells.push_back(At(table, r, column).text);
  return cells;
}

void ForEachTable(const Document& d, const std::function<void(const Table&)>& f) {
  for (const Section* s : [&d] {
         std::vector<const Section*> all = {&d.summary};
         for (const Section& s : d.sections) all.push_back(&s);
         return all;
       }()) {
    for (const Block& b : s->blocks) {
      if (const auto* t = std::get_if<Table>(&b)) f(*t);
    }
  }
  f(d.flat);
}

// Every text the document holds, in any field.
std::vector<std::string> AllStrings(const Document& d) {
  std::vector<std::string> all = {d.title, d.subtitle};
  for (const auto& [label, value] : d.facts) all.insert(all.end(), {label, value});
  std::vector<const Section*> sections = {&d.summary};
  for (const Section& s : d.sections) sections.push_back(&s);
  for (const Section* s : sections) {
    all.insert(all.end(), {s->title, s->sheet_name});
    for (const Block& b : s->blocks) {
      if (const auto* p = std::get_if<Paragraph>(&b)) all.push_back(p->text);
      if (const auto* c = std::get_if<StackedBarChart>(&b)) {
        all.push_back(c->title);
        all.insert(all.end(), c->series.begin(), c->series.end());
        for (const auto& bar : c->bars) all.push_back(bar.label);
      }
      if (const auto* c = std::get_if<GoalChart>(&b)) {
        all.push_back(c->title);
        for (const auto& row : c->rows) all.insert(all.end(), {row.label, row.unit});
      }
    }
  }
  ForEachTable(d, [&all](const Table& t) {
    all.push_back(t.title);
    all.insert(all.end(), t.columns.begin(), t.columns.end());
    for (const auto& row : t.rows) {
      for (const Cell& c : row) all.push_back(c.text);
    }
  });
  return all;
}

// ---- The plan.

TEST(PlanReport, TitleAndFactsSayWhatMomentItReflects) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  EXPECT_EQ(d.title, "Handlingsplan – Tryggare Värnamo 2026");
  EXPECT_EQ(d.subtitle, "Läget den 2026-12-31");
  const std::vector<std::pair<std::string, std::string>> facts = {
      {"Loggposition", "4711"},
      {"Tidpunkt (UTC)", "2026-12-31T10:15:00Z"},
      {"Loggens hash (SHA-256)",
       "3f7a9c0e5b2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a3c5e7b9d0f2a4c6e8b1d3f5a"},
      {"Planversion", "1 (antagen av Kommunstyrelsen den 2026-11-04, KS 2026/412)"},
      {"Period", "2026-T3"},
  };
  EXPECT_EQ(d.facts, facts);
  ASSERT_EQ(d.sections.size(), 3u);
  EXPECT_EQ(d.sections[0].title, "Narkotika");
  EXPECT_EQ(d.sections[2].title, "Otillåten påverkan");
}

TEST(PlanReport, NotAdoptedPlanSaysSo) {
  v1::PlanReport report = SampleReport();
  report.set_plan_version(0);
  report.set_period("");
  const Document d = BuildDocument(report, Kind::kPlan, Lang::kSv);
  EXPECT_EQ(d.facts[3].second, "ej antagen");
  EXPECT_EQ(d.facts[4].second, "ingen uppföljning ännu");
}

TEST(PlanReport, CausesAreNumberedWithTheirFindings) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const Table* causes = TableTitled(SectionTitled(d, "Narkotika"), "Orsaker och lägesbild");
  ASSERT_NE(causes, nullptr);
  EXPECT_EQ(Column(*causes, "Orsak"),
            (std::vector<std::string>{
                "Orsak 1: Unga rekryteras till försäljning via sociala medier och äldre kamrater",
                "Orsak 2: Låg vuxennärvaro på platser där unga samlas kvällstid",
                "Orsak 3: Föräldrar känner inte igen tidiga tecken på narkotikabruk"}));
  EXPECT_EQ(At(*causes, 1, "Lägesbild").text,
            "Öppen försäljning vid resecentrum och i centrum kvällstid (Polisens "
            "underrättelser, 2026)\nInvånare ser försäljning öppet och uppfattar att ingen "
            "ingriper (Invånarnas synpunkter, 2026)");
}

TEST(PlanReport, MeasuresAreNumberedUnderTheirFirstCauseInIdOrder) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const Section& drugs = SectionTitled(d, "Narkotika");
  const Table* cause1 = TableTitled(
      drugs, "Orsak 1: Unga rekryteras till försäljning via sociala medier och äldre kamrater");
  ASSERT_NE(cause1, nullptr);
  EXPECT_EQ(Column(*cause1, "Nr"), (std::vector<std::string>{"1.1", "1.2"}));
  EXPECT_EQ(Column(*cause1, "Åtgärd"),
            (std::vector<std::string>{"SSPF-samverkan för unga i riskzon",
                                      "Riktade kontroller vid kända försäljningsplatser"}));
  const Table* cause3 =
      TableTitled(drugs, "Orsak 3: Föräldrar känner inte igen tidiga tecken på narkotikabruk");
  ASSERT_NE(cause3, nullptr);
  EXPECT_EQ(Column(*cause3, "Nr"), (std::vector<std::string>{"3.1"}));
  // A withdrawn measure is not part of the plan: m-15 gets no number under cause 1.
  const Table* threats = TableTitled(SectionTitled(d, "Otillåten påverkan"),
                                     "Orsak 1: Hot mot handläggare anmäls inte och följs inte upp");
  ASSERT_NE(threats, nullptr);
  EXPECT_EQ(Column(*threats, "Nr"), (std::vector<std::string>{"1.1", "1.2"}));
}

TEST(PlanReport, AMeasureCitingTwoCausesIsListedUnderEachWithOneNumber) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const Table* home = TableTitled(SectionTitled(d, "Narkotika"),
                                  "Orsak 2: Låg vuxennärvaro på platser där unga samlas kvällstid");
  ASSERT_NE(home, nullptr);
  ASSERT_EQ(home->rows.size(), 1u);
  EXPECT_EQ(At(*home, 0, "Nr").text, "2.1");
  EXPECT_EQ(At(*home, 0, "Åtgärd").text, "Fältassistenter kvällstid i centrum och vid resecentrum");
  // In the other focus area it keeps its number, named by the focus area it is numbered in.
  const Table* further = TableTitled(SectionTitled(d, "Otrygghet"),
                                     "Orsak 3: Upplevd öppen narkotikahandel i centrum");
  ASSERT_NE(further, nullptr);
  ASSERT_EQ(further->rows.size(), 1u);
  EXPECT_EQ(At(*further, 0, "Nr").text, "Narkotika 2.1");
  EXPECT_EQ(At(*further, 0, "Åtgärd").text,
            "Fältassistenter kvällstid i centrum och vid resecentrum");
}

TEST(PlanReport, AFurtherCauseListsItsOwnMeasuresFirst) {
  v1::PlanReport report = SampleReport();
  // m-06 (otrygghet 1.1) also cites cause 2 of otrygghet, whose own measure is m-09.
  for (v1::Measure& m : *report.mutable_measures()) {
    if (m.measure_id() == "m-06") m.add_cause_ids("c-otr-2");
  }
  const Document d = BuildDocument(report, Kind::kPlan, Lang::kSv);
  const Table* cause2 =
      TableTitled(SectionTitled(d, "Otrygghet"),
                  "Orsak 2: Skadegörelse som inte åtgärdas snabbt signalerar att ingen bryr sig");
  ASSERT_NE(cause2, nullptr);
  EXPECT_EQ(Column(*cause2, "Nr"), (std::vector<std::string>{"2.1", "1.1"}));
}

TEST(PlanReport, MeasuresWithoutACauseComeLastUnnumberedAndFlagged) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const Section& drugs = SectionTitled(d, "Narkotika");
  ASSERT_FALSE(drugs.blocks.empty());
  const auto* last = std::get_if<Table>(&drugs.blocks.back());
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->title, "Åtgärd utan orsak");
  ASSERT_EQ(last->rows.size(), 1u);
  EXPECT_EQ(At(*last, 0, "Nr").text, "–");
  EXPECT_EQ(At(*last, 0, "Åtgärd").text,
            "Tillsyn av serveringstillstånd och tobaksförsäljning\n(Saknar orsak – att åtgärda)");
}

TEST(PlanReport, ACauseWithoutMeasuresIsSaidSo) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const std::vector<std::string> paragraphs = Paragraphs(SectionTitled(d, "Otillåten påverkan"));
  EXPECT_NE(std::find(paragraphs.begin(), paragraphs.end(),
                      "Orsak 3: Bristande kunskap om korruptionsrisker – Orsak utan åtgärd"),
            paragraphs.end());
}

TEST(PlanReport, TemplateColumnsSayGoalsWhenWhoTypeAndFollowUpPerParty) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const Table* table =
      TableTitled(SectionTitled(d, "Narkotika"),
                  "Orsak 2: Låg vuxennärvaro på platser där unga samlas kvällstid");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->columns, (std::vector<std::string>{"Nr", "Åtgärd", "Operativt mål", "När", "Vem",
                                                      "Typ", "Uppföljning"}));
  EXPECT_EQ(At(*table, 0, "När").type, Cell::Type::kDate);
  EXPECT_EQ(At(*table, 0, "När").text, "2027-12-31");
  EXPECT_EQ(At(*table, 0, "Vem").text,
            "Ansvarig: Värnamo kommun, kultur- och fritidsförvaltningen\n"
            "Partner: Polisen, lokalpolisområde Värnamo – INTERNT-åtagande: kommunpolisen deltar "
            "två kvällar i månaden\n"
            "Partner: Värnamo kommun, socialförvaltningen – INTERNT-åtagande: fältsekreterare "
            "samordnar");
  EXPECT_EQ(At(*table, 0, "Typ").text, "Ordinarie verksamhet; situationell; lång sikt");
  const Cell& follow_up = At(*table, 0, "Uppföljning");
  EXPECT_EQ(follow_up.type, Cell::Type::kHealth);
  EXPECT_EQ(follow_up.health, Health::kYellow);  // the worst of the parties' colours
  EXPECT_EQ(follow_up.text,
            "Gul 2026-T3: Värnamo kommun, kultur- och fritidsförvaltningen\n"
            "Grön 2026-T3: Polisen, lokalpolisområde Värnamo");

  const Table* lighting = TableTitled(SectionTitled(d, "Otrygghet"),
                                      "Orsak 1: Dålig belysning och skymd sikt längs gångvägar");
  ASSERT_NE(lighting, nullptr);
  const std::size_t row = RowWhere(*lighting, "Nr", "1.2");
  EXPECT_EQ(At(*lighting, row, "Operativt mål").text,
            "andel trasiga eller saknade armaturer på utpekade sträckor: 30 % → 0 % senast "
            "2027-03-31");
  EXPECT_EQ(At(*lighting, row, "Typ").text, "Engångsinsats; situationell; lång sikt");
  EXPECT_EQ(At(*lighting, row, "Uppföljning").health, Health::kRed);
  // A measure nobody followed up yet.
  const Table* parents =
      TableTitled(SectionTitled(d, "Narkotika"),
                  "Orsak 3: Föräldrar känner inte igen tidiga tecken på narkotikabruk");
  ASSERT_NE(parents, nullptr);
  EXPECT_EQ(At(*parents, 0, "Uppföljning").health, Health::kNone);
  EXPECT_EQ(At(*parents, 0, "Uppföljning").text, "Ingen uppföljning ännu");
}

TEST(PlanReport, AnAgencyWithoutANameIsShownByItsId) {
  v1::PlanReport report = SampleReport();
  report.mutable_agencies()->erase(report.mutable_agencies()->begin());  // allmannyttan-varnamo
  const Document d = BuildDocument(report, Kind::kPlan, Lang::kSv);
  const Table* walks = TableTitled(SectionTitled(d, "Otrygghet"),
                                   "Orsak 1: Dålig belysning och skymd sikt längs gångvägar");
  ASSERT_NE(walks, nullptr);
  EXPECT_TRUE(At(*walks, 0, "Vem").text.starts_with("Ansvarig: allmannyttan-varnamo\n"));
}

TEST(PlanReport, SummaryCountsStatusesPerFocusArea) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  const Table* counts = TableTitled(d.summary, "Status per fokusområde");
  ASSERT_NE(counts, nullptr);
  const std::size_t drugs = RowWhere(*counts, "Fokusområde", "Narkotika");
  EXPECT_EQ(At(*counts, drugs, "Pågår").number, 2);
  EXPECT_EQ(At(*counts, drugs, "Föreslagen").number, 1);
  const std::size_t whole = RowWhere(*counts, "Fokusområde", "Hela planen");
  EXPECT_EQ(At(*counts, whole, "Återkallad").number, 1);
  EXPECT_EQ(At(*counts, whole, "Försenade").number, 1);
  EXPECT_NE(TableTitled(d.summary, "Arbetsgrupper"), nullptr);
}

TEST(PlanReport, FlatHasOneRowPerMeasureAndCause) {
  const Document d = BuildDocument(SampleReport(), Kind::kPlan, Lang::kSv);
  EXPECT_EQ(d.flat.columns,
            (std::vector<std::string>{"Fokusområde", "Orsak", "Nr", "Åtgärd", "Operativt mål",
                                      "När", "Vem", "Typ", "Uppföljning", "Id"}));
  // Eleven measures not withdrawn, m-04 under two causes.
  EXPECT_EQ(d.flat.rows.size(), 12u);
  EXPECT_EQ(RowsWhere(d.flat, "Id", "m-04").size(), 2u);
  EXPECT_EQ(RowsWhere(d.flat, "Id", "m-15").size(), 0u);
  EXPECT_EQ(At(d.flat, RowWhere(d.flat, "Id", "m-05"), "Orsak").text, "");
}

// ---- The follow-up.

TEST(FollowUpReport, CountsHoursAndCostPerFocusAreaAndAgency) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  EXPECT_EQ(d.title, "Uppföljning 2026-T3 – Tryggare Värnamo 2026");
  const Table* areas = TableTitled(d.summary, "Per fokusområde");
  ASSERT_NE(areas, nullptr);
  const std::size_t drugs = RowWhere(*areas, "Fokusområde", "Narkotika");
  EXPECT_EQ(At(*areas, drugs, "Grön").number, 2);
  EXPECT_EQ(At(*areas, drugs, "Gul").number, 1);
  EXPECT_EQ(At(*areas, drugs, "Röd").number, 0);
  EXPECT_EQ(At(*areas, drugs, "Saknas").number, 2);
  EXPECT_EQ(At(*areas, drugs, "Timmar").type, Cell::Type::kNumber);
  EXPECT_EQ(At(*areas, drugs, "Timmar").number, 182.5);
  EXPECT_EQ(At(*areas, drugs, "Kostnad (kr)").type, Cell::Type::kSek);
  EXPECT_EQ(At(*areas, drugs, "Kostnad (kr)").number, 57500);
  EXPECT_EQ(At(*areas, RowWhere(*areas, "Fokusområde", "Hela planen"), "Kostnad (kr)").number,
            80500);
  const Table* agencies = TableTitled(d.summary, "Per aktör");
  ASSERT_NE(agencies, nullptr);
  const std::size_t leisure =
      RowWhere(*agencies, "Aktör", "Värnamo kommun, kultur- och fritidsförvaltningen");
  EXPECT_EQ(At(*agencies, leisure, "Gul").number, 1);
  EXPECT_EQ(At(*agencies, leisure, "Kostnad (kr)").number, 12500);
  EXPECT_EQ(agencies->rows.size(), 6u);
}

TEST(FollowUpReport, ChartsShowStatusPerFocusAreaAndHealthOverPeriods) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  std::vector<const StackedBarChart*> charts;
  for (const Block& b : d.summary.blocks) {
    if (const auto* c = std::get_if<StackedBarChart>(&b)) charts.push_back(c);
  }
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[0]->title, "Status per fokusområde");
  ASSERT_EQ(charts[0]->bars.size(), 3u);
  EXPECT_EQ(charts[0]->bars[0].values,
            (std::vector<double>{1, 0, 1, 2, 1, 0}));  // narkotika by status
  EXPECT_EQ(charts[0]->series.size(), charts[0]->colours.size());
  EXPECT_EQ(charts[1]->title, "Uppföljning per aktör och period");
  // Socialförvaltningen followed up in both periods: two bars, in period order.
  std::vector<std::string> social;
  for (const auto& bar : charts[1]->bars) {
    if (bar.label.starts_with("Värnamo kommun, socialförvaltningen")) social.push_back(bar.label);
  }
  EXPECT_EQ(social, (std::vector<std::string>{"Värnamo kommun, socialförvaltningen 2026-T2",
                                              "Värnamo kommun, socialförvaltningen 2026-T3"}));
}

TEST(FollowUpReport, ListsEachPartysFollowUpAndWhoIsMissing) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  const Table* table =
      TableTitled(SectionTitled(d, "Narkotika"), "Uppföljning per åtgärd och aktör");
  ASSERT_NE(table, nullptr);
  // In the plan's order, not the ids' (m-02 is 3.1, m-04 2.1).
  EXPECT_EQ(Column(*table, "Nr"), (std::vector<std::string>{"1.1", "2.1", "2.1", "2.1", "3.1"}));
  const std::vector<std::size_t> field = RowsWhere(*table, "Nr", "2.1");
  ASSERT_EQ(field.size(), 3u);
  EXPECT_EQ(At(*table, field[0], "Aktör").text, "Värnamo kommun, kultur- och fritidsförvaltningen");
  EXPECT_EQ(At(*table, field[0], "Roll").text, "Ansvarig");
  EXPECT_EQ(At(*table, field[0], "Läge").health, Health::kYellow);
  EXPECT_EQ(At(*table, field[0], "Läge").text, "Gul");
  EXPECT_EQ(At(*table, field[0], "Kostnad (kr)").number, 12500);
  EXPECT_EQ(At(*table, field[1], "Roll").text, "Partner");
  EXPECT_EQ(At(*table, field[1], "Timmar").number, 2.5);
  EXPECT_EQ(At(*table, field[2], "Aktör").text, "Värnamo kommun, socialförvaltningen");
  EXPECT_EQ(At(*table, field[2], "Läge").health, Health::kNone);
  EXPECT_EQ(At(*table, field[2], "Läge").text, "Saknas");
  // The assigned measure nobody followed up; the completed one owes nothing and is not listed.
  EXPECT_EQ(At(*table, RowWhere(*table, "Nr", "3.1"), "Läge").text, "Saknas");
  EXPECT_TRUE(RowsWhere(*table, "Nr", "1.2").empty());
}

TEST(FollowUpReport, ListsChangesAndOverdueMeasures) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  const Table* changes = TableTitled(SectionTitled(d, "Otrygghet"), "Förändringar under perioden");
  ASSERT_NE(changes, nullptr);
  const std::size_t moved = RowWhere(*changes, "Förändring", "Nytt slutdatum");
  EXPECT_EQ(At(*changes, moved, "Åtgärd").text, "Bättre belysning längs gång- och cykelvägar");
  EXPECT_EQ(At(*changes, moved, "Från").type, Cell::Type::kDate);
  EXPECT_EQ(At(*changes, moved, "Från").text, "2026-10-31");
  EXPECT_EQ(At(*changes, moved, "Till").text, "2026-11-30");
  EXPECT_EQ(At(*changes, RowWhere(*changes, "Förändring", "Genomförd"), "Nr").text, "2.1");

  const Table* threats =
      TableTitled(SectionTitled(d, "Otillåten påverkan"), "Förändringar under perioden");
  ASSERT_NE(threats, nullptr);
  EXPECT_EQ(Column(*threats, "Förändring"),
            (std::vector<std::string>{"Påbörjad", "Ny", "Återkallad"}));
  // A withdrawn measure has no number.
  EXPECT_EQ(At(*threats, 2, "Nr").text, "");

  const Table* overdue = TableTitled(SectionTitled(d, "Otrygghet"), "Försenade åtgärder");
  ASSERT_NE(overdue, nullptr);
  ASSERT_EQ(overdue->rows.size(), 1u);
  EXPECT_EQ(At(*overdue, 0, "Nr").text, "1.2");
  EXPECT_EQ(At(*overdue, 0, "Ansvarig").text, "Värnamo kommun, tekniska förvaltningen");
  EXPECT_EQ(At(*overdue, 0, "Klart senast").type, Cell::Type::kDate);
  EXPECT_EQ(At(*overdue, 0, "Klart senast").text, "2026-11-30");
  EXPECT_EQ(At(*overdue, 0, "Status").text, "Tilldelad");
  // A focus area with nothing overdue says so rather than leaving the list out.
  const std::vector<std::string> paragraphs = Paragraphs(SectionTitled(d, "Narkotika"));
  EXPECT_NE(std::find(paragraphs.begin(), paragraphs.end(), "Försenade åtgärder: inga."),
            paragraphs.end());
}

TEST(FollowUpReport, ListsEveryYellowAndRedFollowUpWithItsComment) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  const Table* drugs = TableTitled(SectionTitled(d, "Narkotika"), "Gula och röda uppföljningar");
  ASSERT_NE(drugs, nullptr);
  ASSERT_EQ(drugs->rows.size(), 1u);
  EXPECT_EQ(At(*drugs, 0, "Läge").health, Health::kYellow);
  EXPECT_EQ(At(*drugs, 0, "Kommentar").text,
            "INTERNT-kommentar-04: två av fyra tjänster tillsatta");
  const Table* insecurity =
      TableTitled(SectionTitled(d, "Otrygghet"), "Gula och röda uppföljningar");
  ASSERT_NE(insecurity, nullptr);
  ASSERT_EQ(insecurity->rows.size(), 1u);
  EXPECT_EQ(At(*insecurity, 0, "Läge").health, Health::kRed);
  EXPECT_EQ(At(*insecurity, 0, "Läge").text, "Röd");
  EXPECT_EQ(At(*insecurity, 0, "Aktör").text, "Värnamo kommun, tekniska förvaltningen");
  EXPECT_EQ(At(*insecurity, 0, "Kommentar").text,
            "INTERNT-kommentar-07: leveransförsening av armaturer");
}

TEST(FollowUpReport, GoalsStandAgainstBaselineAndTarget) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  const Section& insecurity = SectionTitled(d, "Otrygghet");
  const Table* goals = TableTitled(insecurity, "Operativa mål");
  ASSERT_NE(goals, nullptr);
  const std::size_t lighting = RowWhere(*goals, "Nr", "1.2");
  EXPECT_EQ(At(*goals, lighting, "Utgångsvärde").number, 30);
  EXPECT_EQ(At(*goals, lighting, "Målvärde").number, 0);
  EXPECT_EQ(At(*goals, lighting, "Senast uppmätt").number, 22);
  EXPECT_EQ(At(*goals, lighting, "Uppnått").text, "Nej");
  const GoalChart* chart = nullptr;
  for (const Block& b : insecurity.blocks) {
    if (const auto* c = std::get_if<GoalChart>(&b)) chart = c;
  }
  ASSERT_NE(chart, nullptr);
  ASSERT_EQ(chart->rows.size(), 2u);
  EXPECT_EQ(chart->rows[0].unit, "%");
  EXPECT_EQ(chart->rows[0].baseline, 30);
  EXPECT_EQ(chart->rows[0].value, 22);
}

TEST(FollowUpReport, ListsTheFlagsToFixBeforeTheNextPeriod) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  const Table* threats =
      TableTitled(SectionTitled(d, "Otillåten påverkan"), "Att åtgärda före nästa period");
  ASSERT_NE(threats, nullptr);
  EXPECT_EQ(At(*threats, RowWhere(*threats, "Brist", "Orsak utan åtgärd"), "Gäller").text,
            "Orsak 3: Bristande kunskap om korruptionsrisker");
  EXPECT_EQ(
      At(*threats, RowWhere(*threats, "Brist", "Iakttagelse som ingen orsak bygger på"), "Gäller")
          .text,
      "Oklart vem som äger frågan om mutor");
  const Table* drugs = TableTitled(SectionTitled(d, "Narkotika"), "Att åtgärda före nästa period");
  ASSERT_NE(drugs, nullptr);
  EXPECT_EQ(At(*drugs, RowWhere(*drugs, "Brist", "Åtgärd utan orsak"), "Gäller").text,
            "– Tillsyn av serveringstillstånd och tobaksförsäljning");
  EXPECT_EQ(At(*drugs, RowWhere(*drugs, "Brist", "Ingen uppföljning för perioden"), "Gäller").text,
            "3.1 Föräldrautbildning om narkotika och tidiga tecken");
  EXPECT_EQ(At(*drugs, RowWhere(*drugs, "Brist", "Partner har aldrig följt upp"), "Gäller").text,
            "2.1 Fältassistenter kvällstid i centrum och vid resecentrum – Värnamo kommun, "
            "socialförvaltningen");
}

TEST(FollowUpReport, FlatHasOneRowPerMeasureAndParty) {
  const Document d = BuildDocument(SampleReport(), Kind::kFollowUp, Lang::kSv);
  // m-04 and m-06 have three and two parties; m-05 and m-13 none, yet a row each.
  EXPECT_EQ(d.flat.rows.size(), 15u);
  const std::vector<std::size_t> field = RowsWhere(d.flat, "Id", "m-04");
  ASSERT_EQ(field.size(), 3u);
  EXPECT_EQ(At(d.flat, field[0], "Period").text, "2026-T3");
  EXPECT_EQ(At(d.flat, field[0], "Status").text, "Pågår");
  const std::size_t lighting = RowWhere(d.flat, "Id", "m-07");
  EXPECT_EQ(At(d.flat, lighting, "Försenade").text, "Ja");
  EXPECT_EQ(At(d.flat, lighting, "Förändring").text, "Nytt slutdatum 2026-10-31 → 2026-11-30");
}

TEST(FollowUpReport, WithoutAPeriodSaysNothingWasFollowedUp) {
  v1::PlanReport report = SampleReport();
  report.set_period("");
  report.set_previous_period("");
  report.clear_period_follow_ups();
  report.clear_changes();
  const Document d = BuildDocument(report, Kind::kFollowUp, Lang::kSv);
  EXPECT_EQ(d.title, "Uppföljning – Tryggare Värnamo 2026");
  const std::vector<std::string> paragraphs = Paragraphs(d.summary);
  ASSERT_FALSE(paragraphs.empty());
  EXPECT_EQ(paragraphs[0], "Ingen uppföljning är registrerad ännu.");
}

// ---- The public page.

TEST(PublicReport, CarriesNothingInternal) {
  const v1::PlanReport report = SampleReport();
  for (const Lang lang : {Lang::kSv, Lang::kEn}) {
    const Document d = BuildDocument(report, Kind::kPublic, lang);
    for (const std::string& text : AllStrings(d)) {
      EXPECT_EQ(text.find(kInternal), std::string::npos) << text;
    }
    // No hours, costs or other figures.
    ForEachTable(d, [](const Table& t) {
      for (const auto& row : t.rows) {
        for (const Cell& c : row) {
          EXPECT_NE(c.type, Cell::Type::kNumber) << t.title;
          EXPECT_NE(c.type, Cell::Type::kSek) << t.title;
        }
      }
    });
    for (const std::string& out : {RenderMarkdown(d), RenderCsv(d)}) {
      EXPECT_EQ(out.find(kInternal), std::string::npos);
      EXPECT_EQ(out.find("12500"), std::string::npos);
      EXPECT_EQ(out.find("45000"), std::string::npos);
    }
  }
  // The sample does hold internal text elsewhere, so the check above means something.
  bool found = false;
  for (const std::string& text : AllStrings(BuildDocument(report, Kind::kFollowUp, Lang::kSv))) {
    found = found || text.find(kInternal) != std::string::npos;
  }
  EXPECT_TRUE(found);
}

TEST(PublicReport, ShowsPromisesAndTheirMeasuresInPlainWords) {
  const Document d = BuildDocument(SampleReport(), Kind::kPublic, Lang::kSv);
  EXPECT_EQ(d.title, "Medborgarlöften – Tryggare Värnamo 2026");
  const Table* promises = TableTitled(d.summary, "Medborgarlöften");
  ASSERT_NE(promises, nullptr);
  ASSERT_EQ(promises->rows.size(), 2u);
  EXPECT_EQ(At(*promises, 0, "Läge").text, "Avslutat");
  EXPECT_EQ(At(*promises, 1, "Läge").text, "Gäller");
  EXPECT_EQ(At(*promises, 1, "Gäller från").type, Cell::Type::kDate);
  EXPECT_EQ(At(*promises, 1, "Gäller till").text, "2027-12-31");
  EXPECT_EQ(At(*promises, 1, "Undertecknat av").text,
            "Lokalpolisområdeschef\nKommunstyrelsens ordförande");
  ASSERT_EQ(d.sections.size(), 2u);
  const Table* measures = TableTitled(d.sections[1], "Åtgärder som infriar löftet");
  ASSERT_NE(measures, nullptr);
  EXPECT_EQ(Column(*measures, "Status"), (std::vector<std::string>{"Pågår", "Planerad"}));
  // One flat row per promise and measure.
  EXPECT_EQ(d.flat.rows.size(), 3u);
  EXPECT_EQ(d.flat.columns.back(), "Status");
}

TEST(PublicReport, AWithdrawnMeasureEndedWithoutBeingCarriedOut) {
  v1::PlanReport report = SampleReport();
  report.mutable_overview()->mutable_citizen_promises(1)->add_measure_ids("m-15");
  const Document d = BuildDocument(report, Kind::kPublic, Lang::kSv);
  const Table* measures = TableTitled(d.sections[1], "Åtgärder som infriar löftet");
  ASSERT_NE(measures, nullptr);
  EXPECT_EQ(At(*measures, 2, "Status").text, "Avslutad utan genomförande");
}

// ---- Every kind.

TEST(Report, EnglishLabels) {
  const v1::PlanReport report = SampleReport();
  const Document plan = BuildDocument(report, Kind::kPlan, Lang::kEn);
  EXPECT_EQ(plan.lang, Lang::kEn);
  EXPECT_EQ(plan.title, "Action plan – Tryggare Värnamo 2026");
  EXPECT_EQ(plan.subtitle, "As of 2026-12-31");
  EXPECT_EQ(plan.facts[0].first, "Log position");
  EXPECT_EQ(plan.facts[3].second, "1 (adopted by Kommunstyrelsen on 2026-11-04, KS 2026/412)");
  EXPECT_EQ(plan.summary.title, "Summary");
  const Table* table =
      TableTitled(SectionTitled(plan, "Narkotika"),
                  "Cause 2: Låg vuxennärvaro på platser där unga samlas kvällstid");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->columns, (std::vector<std::string>{"No.", "Measure", "Operational goal", "When",
                                                      "Who", "Type", "Follow-up"}));
  EXPECT_EQ(At(*table, 0, "Type").text, "Ordinary work; situational; long term");
  EXPECT_TRUE(At(*table, 0, "Follow-up").text.starts_with("Yellow 2026-T3: "));

  const Document follow_up = BuildDocument(report, Kind::kFollowUp, Lang::kEn);
  EXPECT_EQ(follow_up.title, "Follow-up 2026-T3 – Tryggare Värnamo 2026");
  EXPECT_NE(TableTitled(SectionTitled(follow_up, "Narkotika"), "To fix before the next period"),
            nullptr);
  EXPECT_NE(TableTitled(follow_up.summary, "Per agency"), nullptr);

  const Document promises = BuildDocument(report, Kind::kPublic, Lang::kEn);
  const Table* measures = TableTitled(promises.sections[1], "Measures that fulfil the promise");
  ASSERT_NE(measures, nullptr);
  EXPECT_EQ(Column(*measures, "Status"), (std::vector<std::string>{"In progress", "Planned"}));
}

TEST(Report, EveryTableIsRectangularAndSheetNamesAreValid) {
  const v1::PlanReport report = SampleReport();
  for (const Kind kind : {Kind::kPlan, Kind::kFollowUp, Kind::kPublic}) {
    for (const Lang lang : {Lang::kSv, Lang::kEn}) {
      const Document d = BuildDocument(report, kind, lang);
      EXPECT_FALSE(d.flat.columns.empty());
      EXPECT_FALSE(d.flat.rows.empty());
      ForEachTable(d, [](const Table& t) {
        for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size()) << t.title;
      });
      std::set<std::string> names;
      for (const Section* s : [&d] {
             std::vector<const Section*> all = {&d.summary};
             for (const Section& s : d.sections) all.push_back(&s);
             return all;
           }()) {
        EXPECT_FALSE(s->sheet_name.empty());
        EXPECT_LE(s->sheet_name.size(), 31u * 2);  // 31 characters, some of them two bytes
        EXPECT_EQ(s->sheet_name.find_first_of("[]:*?/\\"), std::string::npos);
        EXPECT_TRUE(names.insert(s->sheet_name).second) << s->sheet_name;
      }
    }
  }
}

TEST(Report, SheetNamesAreShortenedAndMadeUnique) {
  v1::PlanReport report = SampleReport();
  for (v1::FocusAreaOverview& a : *report.mutable_overview()->mutable_focus_areas()) {
    a.mutable_focus_area()->set_name("Trygghet: åtgärder/insatser i centrum och i ytterområden");
  }
  const Document d = BuildDocument(report, Kind::kPlan, Lang::kSv);
  ASSERT_EQ(d.sections.size(), 3u);
  EXPECT_EQ(d.sections[0].sheet_name, "Trygghet  åtgärder insatser i c");
  EXPECT_EQ(d.sections[1].sheet_name, "Trygghet  åtgärder insatser (2)");
  EXPECT_EQ(d.sections[2].sheet_name, "Trygghet  åtgärder insatser (3)");
}

TEST(Report, SheetNamesDifferingOnlyInSwedishCapitalsAreMadeUnique) {
  v1::PlanReport report = SampleReport();
  report.mutable_overview()->mutable_focus_areas(0)->mutable_focus_area()->set_name("Östra Ån");
  report.mutable_overview()->mutable_focus_areas(1)->mutable_focus_area()->set_name("östra ån");
  const Document d = BuildDocument(report, Kind::kPlan, Lang::kSv);
  EXPECT_EQ(d.sections[0].sheet_name, "Östra Ån");
  EXPECT_EQ(d.sections[1].sheet_name, "östra ån (2)");
}

TEST(Report, IsTheSameWhenBuiltAgain) {
  const v1::PlanReport report = SampleReport();
  for (const Kind kind : {Kind::kPlan, Kind::kFollowUp, Kind::kPublic}) {
    EXPECT_EQ(RenderMarkdown(BuildDocument(report, kind, Lang::kSv)),
              RenderMarkdown(BuildDocument(report, kind, Lang::kSv)));
  }
}

// ---- Pages.

// The sample as the server would page it: measures up to `last_id` on the first page.
std::vector<v1::PlanReport> SplitAfter(const v1::PlanReport& report, const std::string& last_id) {
  v1::PlanReport first = report;
  v1::PlanReport second = report;
  auto keep = [&last_id](bool on_first, const std::string& id) {
    return on_first == (id <= last_id);
  };
  for (auto [page, on_first] : {std::pair{&first, true}, std::pair{&second, false}}) {
    page->clear_measures();
    for (const v1::Measure& m : report.measures()) {
      if (keep(on_first, m.measure_id())) *page->add_measures() = m;
    }
    page->clear_period_follow_ups();
    for (const v1::ReportedFollowUp& f : report.period_follow_ups()) {
      if (keep(on_first, f.measure_id())) *page->add_period_follow_ups() = f;
    }
    page->clear_changes();
    for (const v1::MeasureChange& c : report.changes()) {
      if (keep(on_first, c.measure_id())) *page->add_changes() = c;
    }
    for (v1::FocusAreaTrace& area : *page->mutable_traceability()->mutable_focus_areas()) {
      area.clear_measures();
    }
    for (int i = 0; i < report.traceability().focus_areas_size(); ++i) {
      for (const v1::TracedMeasure& m : report.traceability().focus_areas(i).measures()) {
        if (keep(on_first, m.measure_id())) {
          *page->mutable_traceability()->mutable_focus_areas(i)->add_measures() = m;
        }
      }
    }
  }
  first.set_next_page_token(last_id);
  first.mutable_traceability()->set_next_page_token(last_id);
  return {first, second};
}

TEST(MergePages, TwoPagesMakeTheWholeReport) {
  const v1::PlanReport report = SampleReport();
  const std::vector<v1::PlanReport> pages = SplitAfter(report, "m-06");
  ASSERT_EQ(pages[0].measures_size(), 6);
  ASSERT_EQ(pages[1].changes_size(), 5);
  const v1::PlanReport merged = MergePages(pages);
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(report, merged)) << diff;
  EXPECT_EQ(RenderMarkdown(BuildDocument(merged, Kind::kFollowUp, Lang::kSv)),
            RenderMarkdown(BuildDocument(report, Kind::kFollowUp, Lang::kSv)));
}

TEST(MergePages, OnePageIsItselfAndNoneIsEmpty) {
  const v1::PlanReport report = SampleReport();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      MergePages(std::span<const v1::PlanReport>(&report, 1)), report));
  EXPECT_EQ(MergePages({}).ByteSizeLong(), 0u);
}

}  // namespace
}  // namespace trygg::report
