// `trygg-audit verify` against damaged copies of a store, through the real binary: one test per
// kind of damage (a changed byte, a deleted record, two records swapped, a rewritten head hash, a
// record rewritten with its hash recomputed, a forged chain), each reported at the right position
// with exit code 3. Also `--expect-head`, which catches a chain forged from some record onwards.
#include <openssl/sha.h>

#include <functional>

#include "audit_test_util.h"

namespace trygg::audit_testing {
namespace {

constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kKindBytes = 1;

uint64_t ReadVarint(std::string_view bytes, std::size_t* offset) {
  uint64_t v = 0;
  for (int shift = 0; shift < 35 && *offset < bytes.size(); shift += 7) {
    const auto b = static_cast<uint8_t>(bytes[(*offset)++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return v;
  }
  ADD_FAILURE() << "bad varint";
  return 0;
}

// Where a record value's payload lies: kind, stream id, type, then the payload
// (docs/storage-format.md, "Column family `log`").
std::pair<std::size_t, std::size_t> PayloadSpan(std::string_view value) {
  std::size_t offset = kKindBytes;
  offset += ReadVarint(value, &offset);  // stream id
  offset += ReadVarint(value, &offset);  // type
  const std::size_t size = ReadVarint(value, &offset);
  return {offset, size};
}

std::string Sha256(std::string_view bytes) {
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         reinterpret_cast<unsigned char*>(digest.data()));
  return digest;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out += kDigits[static_cast<uint8_t>(c) >> 4];
    out += kDigits[static_cast<uint8_t>(c) & 0xf];
  }
  return out;
}

class AuditTamperTest : public ::testing::Test {
 protected:
  // A realistic log: a plan, agencies and measures through their lifecycles, over a few days.
  void SetUp() override {
    HistoryWriter w(dir_.Sub("store"));
    w.At(Utc(2026, 3, 2, 9));
    w.Plan("tryggare-varnamo-2026", "Tryggare Värnamo 2026", {"narkotika", "otrygghet"});
    w.Agency("polisen-lpo-varnamo", "Polisen");
    w.Agency("varnamo-kommun-tekniska", "Tekniska förvaltningen");
    for (int i = 1; i <= 8; ++i) {
      const std::string m = "m-" + std::to_string(i);
      const std::string agency = i % 2 ? "polisen-lpo-varnamo" : "varnamo-kommun-tekniska";
      w.At(Utc(2026, 3, 2 + static_cast<unsigned>(i), 10));
      w.Propose(m, "tryggare-varnamo-2026", i % 2 ? "narkotika" : "otrygghet",
                "Åtgärd nummer " + std::to_string(i) + ", med ett längre namn");
      w.Prioritise(m, v1::PRIORITY_HIGH);
      w.Assign(m, agency, "2026-12-31");
      w.Start(m, agency);
      w.Progress(m, agency, 50, "halvvägs");
    }
    w.Close();
    events_ = ReadLog(dir_.Sub("store")).size();
    ASSERT_GE(events_, 40u);
  }

  // A copy of the store damaged by `damage`.
  fs::path Damaged(const std::string& name, const std::function<void(RawDb&)>& damage) {
    const fs::path copy = dir_.Sub(name);
    CopyStore(dir_.Sub("store"), copy);
    RawDb raw(copy);
    damage(raw);
    return copy;
  }

  // Runs verify on `store` (table and JSON output) and expects it to name `position`.
  void ExpectFirstBad(const fs::path& store, uint64_t position) {
    AuditRun table = RunAudit(dir_, {"verify", "--data", store.string()});
    EXPECT_EQ(table.exit_code, 3) << Printed(table);
    EXPECT_NE(table.out.find("FAILED at position " + std::to_string(position) + ":"),
              std::string::npos)
        << Printed(table);
    EXPECT_NE(table.err.find("verification failed at position " + std::to_string(position)),
              std::string::npos)
        << Printed(table);

    AuditRun json = RunAudit(dir_, {"verify", "--data", store.string(), "--output", "json"});
    EXPECT_EQ(json.exit_code, 3) << Printed(json);
    google::protobuf::Struct report = ParseJson(json.out);
    EXPECT_EQ(NumberMember(report, "first_bad_position"), static_cast<double>(position))
        << Printed(json);
    EXPECT_FALSE(StringMember(report, "problem").empty());
    EXPECT_FALSE(report.fields().at("ok").bool_value());
  }

  // Rewrites every record from `from` on so that the chain is whole again (each prev hash and
  // hash recomputed) and points meta/head at the new last hash: what someone who can write the
  // files and knows the format could do. Only a digest published earlier catches it.
  static void Rechain(RawDb& raw, uint64_t from, uint64_t last) {
    std::string prev = raw.Record(from - 1).substr(raw.Record(from - 1).size() - kHashBytes);
    for (uint64_t p = from; p <= last; ++p) {
      const std::string value = raw.Record(p);
      std::string body = value.substr(0, value.size() - kHashBytes);
      body.replace(body.size() - kHashBytes, kHashBytes, prev);
      prev = Sha256(body);
      raw.Put("log", BigEndianKey(p), body + prev);
    }
    raw.Put("meta", "head", BigEndianKey(last) + prev);
  }

  TempDir dir_;
  uint64_t events_ = 0;
};

TEST_F(AuditTamperTest, IntactStoreVerifiesAndPrintsItsHead) {
  AuditRun run =
      RunAudit(dir_, {"verify", "--data", dir_.Sub("store").string(), "--output", "json"});
  ASSERT_EQ(run.exit_code, 0) << Printed(run);
  google::protobuf::Struct report = ParseJson(run.out);
  EXPECT_TRUE(report.fields().at("ok").bool_value());
  EXPECT_EQ(NumberMember(report, "events"), static_cast<double>(events_));
  EXPECT_EQ(NumberMember(report, "head_position"), static_cast<double>(events_));
  const std::vector<es::RecordedEvent> log = ReadLog(dir_.Sub("store"));
  EXPECT_EQ(StringMember(report, "head_hash"), es::ToHex(log.back().hash));
  EXPECT_EQ(report.fields().at("first_bad_position").kind_case(),
            google::protobuf::Value::kNullValue);

  AuditRun table = RunAudit(dir_, {"verify", "--data", dir_.Sub("store").string()});
  ASSERT_EQ(table.exit_code, 0) << Printed(table);
  EXPECT_NE(table.out.find("result     OK"), std::string::npos) << Printed(table);
  EXPECT_NE(table.out.find(es::ToHex(log.back().hash)), std::string::npos) << Printed(table);
}

TEST_F(AuditTamperTest, ChangedByteInARecord) {
  constexpr uint64_t kBad = 20;
  const fs::path store = Damaged("flipped", [&](RawDb& raw) {
    std::string value = raw.Record(kBad);
    const auto [offset, size] = PayloadSpan(value);
    ASSERT_GT(size, 4u);
    value[offset + size / 2] ^= 0x01;
    raw.Put("log", BigEndianKey(kBad), value);
  });
  ExpectFirstBad(store, kBad);
}

TEST_F(AuditTamperTest, DeletedRecord) {
  constexpr uint64_t kBad = 20;
  const fs::path store =
      Damaged("deleted", [&](RawDb& raw) { raw.Delete("log", BigEndianKey(kBad)); });
  ExpectFirstBad(store, kBad);
}

TEST_F(AuditTamperTest, ReorderedRecords) {
  constexpr uint64_t kBad = 20;
  const fs::path store = Damaged("swapped", [&](RawDb& raw) {
    const std::string a = raw.Record(kBad);
    const std::string b = raw.Record(kBad + 1);
    raw.Put("log", BigEndianKey(kBad), b);
    raw.Put("log", BigEndianKey(kBad + 1), a);
  });
  ExpectFirstBad(store, kBad);
}

TEST_F(AuditTamperTest, RewrittenHeadHash) {
  const fs::path store = Damaged("head", [&](RawDb& raw) {
    std::optional<std::string> head = raw.Get("meta", "head");
    ASSERT_TRUE(head.has_value());
    ASSERT_EQ(head->size(), 8 + kHashBytes);
    (*head)[8 + 5] ^= 0x40;
    raw.Put("meta", "head", *head);
  });
  ExpectFirstBad(store, events_);
}

// Body and trailing hash rewritten consistently: the next record still holds the old hash.
TEST_F(AuditTamperTest, RecordRewrittenWithItsHashRecomputed) {
  constexpr uint64_t kBad = 20;
  const fs::path store = Damaged("rehashed", [&](RawDb& raw) {
    const std::string value = raw.Record(kBad);
    std::string body = value.substr(0, value.size() - kHashBytes);
    const auto [offset, size] = PayloadSpan(value);
    ASSERT_GT(size, 2u);
    body[offset + size - 1] ^= 0x01;
    raw.Put("log", BigEndianKey(kBad), body + Sha256(body));
  });
  ExpectFirstBad(store, kBad);
}

// A payload that is not its type's message, in a chain forged to be whole: the hashes cannot
// catch it, the payload check does.
TEST_F(AuditTamperTest, PayloadThatDoesNotParseAsItsType) {
  constexpr uint64_t kBad = 20;
  const uint64_t last = events_;
  const fs::path store = Damaged("garbage", [&](RawDb& raw) {
    std::string value = raw.Record(kBad);
    const auto [offset, size] = PayloadSpan(value);
    ASSERT_GT(size, 2u);
    value.replace(offset, size, std::string(size, '\xff'));  // wire type 7: not protobuf
    raw.Put("log", BigEndianKey(kBad), value);
    Rechain(raw, kBad, last);
  });
  ExpectFirstBad(store, kBad);
  AuditRun run = RunAudit(dir_, {"verify", "--data", store.string()});
  EXPECT_NE(run.out.find("does not parse as trygg.v1."), std::string::npos) << Printed(run);
}

// A digest published before the forgery is no longer a prefix of the log: --expect-head says so
// (exit 3) although the forged chain itself verifies.
TEST_F(AuditTamperTest, ExpectHeadCatchesAForgedChain) {
  constexpr uint64_t kPublished = 30;
  const std::vector<es::RecordedEvent> log = ReadLog(dir_.Sub("store"));
  const std::string digest = es::ToHex(log[kPublished - 1].hash) + "@" + std::to_string(kPublished);

  AuditRun intact =
      RunAudit(dir_, {"verify", "--data", dir_.Sub("store").string(), "--expect-head", digest});
  EXPECT_EQ(intact.exit_code, 0) << Printed(intact);
  EXPECT_NE(intact.out.find("matches, a prefix of today's log"), std::string::npos)
      << Printed(intact);

  const uint64_t last = events_;
  const fs::path store = Damaged("forged", [&](RawDb& raw) {
    std::string value = raw.Record(12);
    const auto [offset, size] = PayloadSpan(value);
    value[offset + size - 1] ^= 0x02;  // a changed letter in a title
    raw.Put("log", BigEndianKey(12), value);
    Rechain(raw, 12, last);
  });
  AuditRun forged = RunAudit(
      dir_, {"verify", "--data", store.string(), "--expect-head", digest, "--output", "json"});
  EXPECT_EQ(forged.exit_code, 3) << Printed(forged);
  google::protobuf::Struct report = ParseJson(forged.out);
  EXPECT_EQ(report.fields().at("first_bad_position").kind_case(),
            google::protobuf::Value::kNullValue)
      << "the forged chain is whole; only the digest can catch it";
  const google::protobuf::Struct expect = report.fields().at("expect_head").struct_value();
  EXPECT_FALSE(expect.fields().at("ok").bool_value());
  EXPECT_NE(StringMember(expect, "problem").find("record 30 has hash"), std::string::npos)
      << Printed(forged);

  AuditRun beyond = RunAudit(dir_, {"verify", "--data", dir_.Sub("store").string(), "--expect-head",
                                    Hex(std::string(32, 'x')) + "@999"});
  EXPECT_EQ(beyond.exit_code, 3) << Printed(beyond);
  EXPECT_NE(beyond.err.find("beyond today's head"), std::string::npos) << Printed(beyond);
}

TEST_F(AuditTamperTest, UsageAndOpenErrorsHaveTheirOwnExitCodes) {
  EXPECT_EQ(RunAudit(dir_, {"verify"}).exit_code, 2);  // neither --data nor --server
  EXPECT_EQ(RunAudit(dir_, {"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunAudit(dir_, {"verify", "--data", dir_.Sub("store").string(), "--expect-head",
                            "not-a-digest"})
                .exit_code,
            2);
  AuditRun missing = RunAudit(dir_, {"verify", "--data", dir_.Sub("no-such-store").string()});
  EXPECT_EQ(missing.exit_code, 1) << Printed(missing);
  EXPECT_NE(missing.err.find("no trygg store"), std::string::npos) << Printed(missing);
  AuditRun zone = RunAudit(
      dir_, {"replay", "--data", dir_.Sub("store").string(), "--time-zone", "Europe/Atlantis"});
  EXPECT_EQ(zone.exit_code, 2) << Printed(zone);
  EXPECT_NE(zone.err.find("unknown time zone 'Europe/Atlantis'"), std::string::npos)
      << Printed(zone);
  AuditRun help = RunAudit(dir_, {"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos) << Printed(help);
  EXPECT_NE(help.out.find("--time-zone"), std::string::npos) << Printed(help);
}

}  // namespace
}  // namespace trygg::audit_testing
