// The rows of `trygg measure import` (cli/measure_import.h): the header, each row's fields,
// resolving focus areas and cause numbers against the plan, and the derived ids that make a
// second import of the same file change nothing.
#include "cli/measure_import.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trygg/v1/action_plan.pb.h"

namespace trygg::cli {
namespace {

namespace v1 = ::trygg::v1;
using client::CsvLine;

ImportPlan Plan() {
  ImportPlan plan;
  plan.plan_id = "tryggare-varnamo-2026";
  plan.focus_areas = {"narkotika", "otrygghet", "otillaten-paverkan"};
  plan.numbered_causes["narkotika"] = {{1, "c-narko-1"}, {2, "c-narko-2"}};
  plan.numbered_causes["otrygghet"] = {{1, "c-otrygg-1"}};
  plan.cause_ids = {"c-narko-1", "c-narko-2", "c-otrygg-1"};
  return plan;
}

ImportColumns Columns(const std::vector<std::string>& header) {
  ImportColumns columns;
  const client::Outcome read = ImportColumns::FromHeader(CsvLine{1, header}, &columns);
  EXPECT_TRUE(read.ok()) << read.message();
  return columns;
}

// The request a record makes under Plan(), or the error.
std::string Request(const ImportColumns& columns, const std::vector<std::string>& fields,
                    v1::ProposeMeasureRequest* request, std::size_t line = 2) {
  ImportRow row;
  if (std::string error = columns.Parse(CsvLine{line, fields}, &row); !error.empty()) return error;
  return ImportRequest(row, Plan(), request);
}

TEST(ImportColumns, HeaderNamesAnyCaseAnyOrder) {
  const ImportColumns columns =
      Columns({"Title", " FOCUS AREA ", "causes", "Kind", "effort", "effect", "id", "Description"});
  v1::ProposeMeasureRequest request;
  EXPECT_EQ(Request(columns,
                    {"Belysning", "otrygghet", "1", "situational", "one-off", "long-term",
                     "belysning-1", "Byt armaturer"},
                    &request),
            "");
  EXPECT_EQ(request.plan_id(), "tryggare-varnamo-2026");
  EXPECT_EQ(request.focus_area(), "otrygghet");
  EXPECT_EQ(request.title(), "Belysning");
  EXPECT_EQ(request.description(), "Byt armaturer");
  EXPECT_EQ(request.measure_id(), "belysning-1");
  ASSERT_EQ(request.cause_ids_size(), 1);
  EXPECT_EQ(request.cause_ids(0), "c-otrygg-1");
  EXPECT_EQ(request.kind(), v1::MEASURE_KIND_SITUATIONAL);
  EXPECT_EQ(request.effort(), v1::EFFORT_ONE_OFF);
  EXPECT_EQ(request.expected_effect(), v1::EXPECTED_EFFECT_LONG_TERM);
}

TEST(ImportColumns, BadHeadersAreErrors) {
  struct Case {
    std::vector<std::string> header;
    std::string error;
  };
  const Case cases[] = {
      {{"focus_area"},
       "line 1: the header has no title column (a header row naming the columns is required: "
       "focus_area, title, description, causes, kind, effort, effect, id)"},
      {{"title", "beskrivning", "focus_area"},
       "line 1: 'beskrivning' is not a column of a measure import; use focus_area, title, "
       "description, causes, kind, effort, effect, id"},
      {{"title", "focus_area", "Title"}, "line 1: column title appears twice"},
  };
  for (const Case& c : cases) {
    ImportColumns columns;
    const client::Outcome read = ImportColumns::FromHeader(CsvLine{1, c.header}, &columns);
    EXPECT_EQ(read.code(), client::ExitCode::kUsage);
    EXPECT_EQ(read.message(), c.error);
  }
}

TEST(ImportRequest, BadRowsAreErrorsByLine) {
  const ImportColumns columns =
      Columns({"focus_area", "title", "causes", "kind", "effort", "effect", "id"});
  struct Case {
    std::vector<std::string> fields;
    std::string error;
  };
  const Case cases[] = {
      {{"narkotik", "Kontroller"},
       "line 7: focus_area 'narkotik' is not a focus area of the plan (narkotika, otrygghet, "
       "otillaten-paverkan)"},
      {{"", "Kontroller"}, "line 7: focus_area is empty"},
      {{"narkotika", "Kontroller", "3"},
       "line 7: cause 3 is not a cause of focus area narkotika (its causes: 1, 2)"},
      {{"otillaten-paverkan", "Kontroller", "1"},
       "line 7: cause 1 is not a cause of focus area otillaten-paverkan (it has none yet)"},
      {{"narkotika", "Kontroller", "c-okand"},
       "line 7: cause 'c-okand' is not a cause of the plan (or it is retired)"},
      {{"narkotika", "Kontroller", "", "hard"},
       "line 7: kind: 'hard' is not a kind; use situational or social"},
      {{"narkotika", "Kontroller", "", "", "often"},
       "line 7: effort: 'often' is not an effort; use one-off or ordinary-work"},
      {{"narkotika", "Kontroller", "", "", "", "soon"},
       "line 7: effect: 'soon' is not an expected effect; use short-term or long-term"},
      {{"narkotika", "Kontroller", "", "", "", "", "", "extra"},
       "line 7: 8 fields, but the header names 7 columns"},
  };
  for (const Case& c : cases) {
    v1::ProposeMeasureRequest request;
    EXPECT_EQ(Request(columns, c.fields, &request, 7), c.error);
  }
  // The domain's own validation names the field: an empty title, a bad id.
  v1::ProposeMeasureRequest request;
  EXPECT_NE(Request(columns, {"narkotika", ""}, &request, 7).find("line 7: title"),
            std::string::npos);
  EXPECT_NE(Request(columns, {"narkotika", "T", "", "", "", "", "Inte Ett Id"}, &request, 7)
                .find("line 7: measure_id"),
            std::string::npos);
}

TEST(ImportRequest, CausesByNumberOrIdSeparatedBySemicolonsOrSpaces) {
  const ImportColumns columns = Columns({"focus_area", "title", "causes"});
  v1::ProposeMeasureRequest request;
  ASSERT_EQ(Request(columns, {"Narkotika", "Kontroller", " 2; c-otrygg-1  1 ;2"}, &request), "");
  EXPECT_EQ(request.focus_area(), "narkotika");  // as the plan spells it
  EXPECT_EQ(std::vector<std::string>(request.cause_ids().begin(), request.cause_ids().end()),
            (std::vector<std::string>{"c-narko-2", "c-otrygg-1", "c-narko-1"}));
}

TEST(ImportRequest, TheSameRowGivesTheSameIdsAndAnotherRowOthers) {
  const ImportColumns columns = Columns({"focus_area", "title", "description", "causes"});
  v1::ProposeMeasureRequest first, again, by_id, other;
  ASSERT_EQ(Request(columns, {"narkotika", "Kontroller", "Vid resecentrum", "1"}, &first), "");
  // Spaces around fields and a cause by id rather than number make no difference.
  ASSERT_EQ(Request(columns, {" narkotika", "Kontroller ", "Vid resecentrum", "1"}, &again), "");
  ASSERT_EQ(Request(columns, {"narkotika", "Kontroller", "Vid resecentrum", "c-narko-1"}, &by_id),
            "");
  ASSERT_EQ(Request(columns, {"narkotika", "Kontroller", "Vid busstationen", "1"}, &other), "");
  EXPECT_TRUE(first.command_id().starts_with("import-")) << first.command_id();
  EXPECT_EQ(first.command_id().size(), std::string("import-").size() + 16);
  EXPECT_EQ(first.measure_id(), "m-" + first.command_id().substr(std::string("import-").size()));
  EXPECT_EQ(again.command_id(), first.command_id());
  EXPECT_EQ(by_id.command_id(), first.command_id());
  EXPECT_EQ(again.measure_id(), first.measure_id());
  EXPECT_NE(other.command_id(), first.command_id());
  EXPECT_NE(other.measure_id(), first.measure_id());
}

TEST(ImportColumns, FewerFieldsReadAsEmptyAndBlankLinesAreBlank) {
  const ImportColumns columns = Columns({"focus_area", "title", "description"});
  v1::ProposeMeasureRequest request;
  EXPECT_EQ(Request(columns, {"otrygghet", "Belysning"}, &request), "");
  EXPECT_EQ(request.description(), "");
  EXPECT_TRUE(ImportColumns::IsBlank(CsvLine{3, {""}}));
  EXPECT_TRUE(ImportColumns::IsBlank(CsvLine{3, {" ", "", ""}}));
  EXPECT_FALSE(ImportColumns::IsBlank(CsvLine{3, {"", "x"}}));
}

}  // namespace
}  // namespace trygg::cli
