// trygg measure import through the real binaries: a workshop's CSV becomes proposed measures;
// importing the same file again changes nothing; a dry run changes nothing; bad rows are
// reported by line and skipped while the others are imported.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "cli_fixture.h"
#include "trygg/v1/status.grpc.pb.h"

namespace trygg::testing {
namespace {

namespace v1 = ::trygg::v1;

class CliImport : public CliTest {
 protected:
  // The plan with its agencies, and causes numbered 1 and 2 in narkotika.
  void SetUpPlan() {
    CreatePlanAndAgencies();
    TryggOk(coordinator_, {"finding", "record", kPlan, "--focus-area", "narkotika", "--source",
                           "crime-statistics", "--period", "2025-2026", "--text",
                           "Anmälda narkotikabrott +38 %", "--id", "f-1"});
    for (const char* cause : {"c-forsaljning", "c-vuxna"}) {
      TryggOk(coordinator_, {"cause", "identify", kPlan, "--focus-area", "narkotika", "--text",
                             cause, "--rests-on", "f-1", "--id", cause});
    }
  }

  // Writes `text` to a file in the test's directory and returns its path.
  std::string File(const std::string& name, const std::string& text) const {
    const std::string path = dir_.Sub(name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // The plan's measures, by id.
  std::vector<v1::Measure> Measures() const {
    auto stub = v1::StatusService::NewStub(
        grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + coordinator_);
    context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    v1::ListMeasuresRequest request;
    request.set_plan_id(kPlan);
    request.set_page_size(500);
    v1::ListMeasuresResponse response;
    const grpc::Status status = stub->ListMeasures(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.measures().begin(), response.measures().end()};
  }
};

// Header in another order and case; causes by number and by id; enums; a given id; a
// description over two lines.
constexpr char kWorkshop[] =
    "Title,Focus Area,causes,kind,effort,effect,id,description\r\n"
    "Riktade kontroller vid resecentrum,narkotika,1;2,situational,ordinary-work,short-term,,\r\n"
    "Fältassistenter kvällstid,narkotika,c-vuxna,social,ordinary-work,long-term,faltare,\r\n"
    "Belysning i gångtunneln,otrygghet,,situational,one-off,long-term,,\"Byt armaturer,\r\n"
    "och röj buskar\"\r\n";

TEST_F(CliImport, ImportsEveryRowAndTheSameFileAgainChangesNothing) {
  SetUpPlan();
  const std::string file = File("workshop.csv", kWorkshop);
  std::string out = TryggOk(coordinator_, {"measure", "import", file, "--plan", kPlan});
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 4u) << out;
  EXPECT_TRUE(lines[0].starts_with("line 2: proposed m-")) << out;
  EXPECT_TRUE(lines[0].ends_with("(Riktade kontroller vid resecentrum)")) << out;
  EXPECT_EQ(lines[1], "line 3: proposed faltare (Fältassistenter kvällstid)");
  EXPECT_TRUE(lines[2].starts_with("line 4: proposed m-")) << out;
  EXPECT_EQ(lines[3],
            "3 rows for plan tryggare-varnamo-2026: 3 proposed, 0 already imported, 0 failed");

  const std::vector<v1::Measure> first = Measures();
  ASSERT_EQ(first.size(), 3u);
  for (const v1::Measure& m : first) {
    EXPECT_EQ(m.version(), 1u);
    if (m.title() == "Riktade kontroller vid resecentrum") {
      EXPECT_EQ(std::vector<std::string>(m.cause_ids().begin(), m.cause_ids().end()),
                (std::vector<std::string>{"c-forsaljning", "c-vuxna"}));
      EXPECT_EQ(m.kind(), v1::MEASURE_KIND_SITUATIONAL);
      EXPECT_EQ(m.effort(), v1::EFFORT_ORDINARY_WORK);
      EXPECT_EQ(m.expected_effect(), v1::EXPECTED_EFFECT_SHORT_TERM);
    }
    if (m.title() == "Belysning i gångtunneln") {
      EXPECT_EQ(m.description(), "Byt armaturer,\r\noch röj buskar");
    }
  }

  out = TryggOk(coordinator_, {"measure", "import", file, "--plan", kPlan});
  lines = Lines(out);
  ASSERT_EQ(lines.size(), 4u) << out;
  EXPECT_TRUE(lines[0].starts_with("line 2: already imported as m-")) << out;
  EXPECT_EQ(lines[1], "line 3: already imported as faltare (Fältassistenter kvällstid)");
  EXPECT_EQ(lines[3],
            "3 rows for plan tryggare-varnamo-2026: 0 proposed, 3 already imported, 0 failed");
  const std::vector<v1::Measure> again = Measures();
  ASSERT_EQ(again.size(), 3u);
  for (std::size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].measure_id(), first[i].measure_id());
    EXPECT_EQ(again[i].version(), 1u);
  }
}

TEST_F(CliImport, ADryRunChecksEveryRowAndChangesNothing) {
  SetUpPlan();
  const std::string file = File("workshop.csv", kWorkshop);
  std::string out =
      TryggOk(coordinator_, {"measure", "import", file, "--plan", kPlan, "--dry-run"});
  std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 4u) << out;
  EXPECT_TRUE(lines[0].starts_with("line 2: would propose m-")) << out;
  EXPECT_EQ(lines[1], "line 3: would propose faltare (Fältassistenter kvällstid)");
  EXPECT_EQ(lines[3],
            "3 rows checked for plan tryggare-varnamo-2026: 3 would be proposed, 0 already "
            "imported, 0 failed; nothing was changed");
  EXPECT_TRUE(Measures().empty());

  // json: counts and a row each, with the ids a real import will use.
  out = TryggOk(coordinator_,
                {"-o", "json", "measure", "import", file, "--plan", kPlan, "--dry-run"});
  const auto doc = FromJson<google::protobuf::Struct>(out);
  EXPECT_TRUE(doc.fields().at("dryRun").bool_value());
  EXPECT_EQ(doc.fields().at("wouldPropose").number_value(), 3);
  ASSERT_EQ(doc.fields().at("rows").list_value().values_size(), 3);
  const auto& row = doc.fields().at("rows").list_value().values(1).struct_value().fields();
  EXPECT_EQ(row.at("status").string_value(), "would-propose");
  EXPECT_EQ(row.at("measureId").string_value(), "faltare");
  EXPECT_TRUE(row.at("commandId").string_value().starts_with("import-"));
  EXPECT_TRUE(Measures().empty());

  // After the real import a dry run says every row is already imported.
  TryggOk(coordinator_, {"measure", "import", file, "--plan", kPlan});
  const auto records = ParseCsv(TryggOk(
      coordinator_, {"-o", "csv", "measure", "import", file, "--plan", kPlan, "--dry-run"}));
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"line", "status", "measure_id", "command_id",
                                                  "title", "message"}));
  for (std::size_t i = 1; i < records.size(); ++i) EXPECT_EQ(records[i][1], "already-imported");
}

TEST_F(CliImport, BadRowsAreReportedByLineAndTheOthersImported) {
  SetUpPlan();
  const std::string file =
      File("workshop.csv",
           "focus_area,title,causes,kind,description\n"
           "narkotika,Kontroller,1,situational,\n"                    // line 2: fine
           "narkotik,Kontroller,,,\n"                                 // line 3: no such focus area
           "otrygghet,\"Belysning, fler lampor\",,,\"Två\nrader\"\n"  // lines 4-5: fine
           "narkotika,Samtal,7,,\n"                                   // line 6: no cause 7
           "\n"                                                       // line 7: blank, skipped
           "narkotika,Föräldravandringar,,hård,\n"                    // line 8: no such kind
           "narkotika,Kontroller,1,situational,\n"                    // line 9: the same as line 2
           "otillaten-paverkan,Stöd till anställda,,,\n");            // line 10: fine
  const CliResult result = Trygg(coordinator_, {"measure", "import", file, "--plan", kPlan});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  const std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 8u) << result.out;
  EXPECT_TRUE(lines[0].starts_with("line 2: proposed ")) << result.out;
  EXPECT_EQ(lines[1],
            "line 3: focus_area 'narkotik' is not a focus area of the plan (narkotika, otrygghet, "
            "otillaten-paverkan)");
  EXPECT_TRUE(lines[2].starts_with("line 4: proposed ")) << result.out;
  EXPECT_EQ(lines[3], "line 6: cause 7 is not a cause of focus area narkotika (its causes: 1, 2)");
  EXPECT_EQ(lines[4], "line 8: kind: 'hård' is not a kind; use situational or social");
  EXPECT_EQ(lines[5], "line 9: the same as line 2, skipped");
  EXPECT_TRUE(lines[6].starts_with("line 10: proposed ")) << result.out;
  EXPECT_EQ(lines[7],
            "7 rows for plan tryggare-varnamo-2026: 3 proposed, 0 already imported, 1 "
            "duplicate, 3 failed");
  EXPECT_EQ(result.err,
            "trygg: 3 rows of 7 failed, the first on line 3; the other rows were imported; fix "
            "the rows the report names and import the file again\n");
  EXPECT_EQ(Measures().size(), 3u);
}

TEST_F(CliImport, ASemicolonSeparatedFileWithAByteOrderMarkAsSwedishSpreadsheetsSaveIt) {
  SetUpPlan();
  const std::string file = File("workshop.csv",
                                "\xEF\xBB\xBF"
                                "focus_area;title;causes\r\n"
                                "narkotika;Kontroller, kvällstid;\"1;2\"\r\n");
  const std::string out = TryggOk(coordinator_, {"measure", "import", file, "--plan", kPlan});
  EXPECT_TRUE(out.starts_with("line 2: proposed m-")) << out;
  const std::vector<v1::Measure> measures = Measures();
  ASSERT_EQ(measures.size(), 1u);
  EXPECT_EQ(measures[0].title(), "Kontroller, kvällstid");
  EXPECT_EQ(measures[0].cause_ids_size(), 2);
}

TEST_F(CliImport, AFileThatIsNotAnImportChangesNothing) {
  SetUpPlan();
  ExpectFailure(
      Trygg(coordinator_, {"measure", "import", dir_.Sub("saknas.csv").string(), "--plan", kPlan}),
      2, "cannot read");
  ExpectFailure(Trygg(coordinator_, {"measure", "import", File("empty.csv", ""), "--plan", kPlan}),
                2, "is empty; it needs a header row");
  ExpectFailure(Trygg(coordinator_, {"measure", "import", File("noheader.csv", "narkotika,T\n"),
                                     "--plan", kPlan}),
                2, "line 1: 'narkotika' is not a column of a measure import");
  ExpectFailure(Trygg(coordinator_,
                      {"measure", "import", File("quote.csv", "title,focus_area\n\"T,narkotika\n"),
                       "--plan", kPlan}),
                2, "line 2: a quoted field is not closed");
  ExpectFailure(
      Trygg(coordinator_, {"measure", "import", File("ok.csv", "title,focus_area\nT,narkotika\n"),
                           "--plan", "ingen-plan"}),
      3, "");
  EXPECT_TRUE(Measures().empty());
}

TEST_F(CliImport, AReaderMayNotImportAndNothingIsSentAfterTheRefusal) {
  SetUpPlan();
  std::string text = "focus_area,title\n";
  for (int i = 0; i < 40; ++i) text += "narkotika,Åtgärd " + std::to_string(i) + "\n";
  const CliResult result =
      Trygg(reader_, {"measure", "import", File("many.csv", text), "--plan", kPlan});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(Contains(result.out, "not sent after an earlier row's failure")) << result.out;
  EXPECT_TRUE(Measures().empty());
}

}  // namespace
}  // namespace trygg::testing
