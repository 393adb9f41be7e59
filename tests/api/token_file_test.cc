// The token file: what it stores, what it refuses, and that tokens authenticate only as
// themselves.
#include "api/token_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "testutil/temp_dir.h"

namespace trygg::api {
namespace {

using ::trygg::testing::TempDir;

std::string Token(std::variant<std::string, std::string> added) {
  EXPECT_EQ(added.index(), 0u) << std::get<1>(added);
  return added.index() == 0 ? std::get<0>(added) : std::string();
}

std::string Error(std::variant<std::string, std::string> added) {
  EXPECT_EQ(added.index(), 1u) << "expected an error";
  return added.index() == 1 ? std::get<1>(added) : std::string();
}

// The loaded file, or an empty one (and a failure) when it does not load.
std::unique_ptr<TokenFile> MustLoad(const std::filesystem::path& path) {
  std::string error;
  std::unique_ptr<TokenFile> loaded = TokenFile::Load(path, error);
  if (!loaded) {
    ADD_FAILURE() << error;
    return std::make_unique<TokenFile>();
  }
  return loaded;
}

// The file's permission bits (0 when it cannot be read).
unsigned Permissions(const std::filesystem::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 0777 : 0;
}

// Writes `text` as the whole token file, private to the owner.
void WritePrivate(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(TokenFile, AddedTokensAuthenticateAsTheirPrincipal) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const Principal coordinator{"samordnare", Role::kCoordinator, "varnamo-kommun-ks"};
  const Principal police{"kommunpolis", Role::kAgency, "polisen-lpo-varnamo"};
  const Principal auditor{"revisor", Role::kAuditor, ""};
  const std::string t1 = Token(TokenFile::Add(path, coordinator));
  const std::string t2 = Token(TokenFile::Add(path, police));
  const std::string t3 = Token(TokenFile::Add(path, auditor));
  EXPECT_NE(t1, t2);
  EXPECT_EQ(t1.rfind("trygg_", 0), 0u);
  EXPECT_EQ(t1.size(), 6u + 64u);

  std::unique_ptr<TokenFile> file = MustLoad(path);
  EXPECT_EQ(file->size(), 3u);
  EXPECT_EQ(file->Authenticate(t1), coordinator);
  EXPECT_EQ(file->Authenticate(t2), police);
  EXPECT_EQ(file->Authenticate(t3), auditor);
  EXPECT_FALSE(file->Authenticate("").has_value());
  EXPECT_FALSE(file->Authenticate(t1 + "x").has_value());
  EXPECT_FALSE(file->Authenticate("trygg_" + std::string(64, '0')).has_value());
}

// A known answer, computed outside trygg: `printf %s trygg_known-answer-token | sha256sum`. A line
// written by hand as token_file.h describes it (64 lower-case hex digits of the token's SHA-256)
// authenticates, so the file's digest encoding is checked against SHA-256 itself, not against
// the same code that writes it.
TEST(TokenFile, ALineMadeWithSha256sumAuthenticates) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  WritePrivate(path,
               "88ba4352c8289a679941b973f72e1d72b5d052058827e295eca885407aa4dd03"
               "\trevisor\tauditor\t\n");
  std::unique_ptr<TokenFile> file = MustLoad(path);
  EXPECT_EQ(file->Authenticate("trygg_known-answer-token"),
            (Principal{"revisor", Role::kAuditor, ""}));
  EXPECT_FALSE(file->Authenticate("trygg_known-answer-tokeN").has_value());
}

TEST(TokenFile, StoresDigestsNeverTokensAndIsPrivate) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const std::string token = Token(TokenFile::Add(path, {"revisor", Role::kAuditor, ""}));
  const std::string text = ReadAll(path);
  EXPECT_EQ(text.find(token), std::string::npos);
  EXPECT_EQ(text.find(token.substr(6)), std::string::npos);
  EXPECT_NE(text.find("\trevisor\tauditor\t\n"), std::string::npos) << text;
  EXPECT_EQ(Permissions(path), 0600u);
}

TEST(TokenFile, AddRefusesBadPrincipalsAndChangesNothing) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  Token(TokenFile::Add(path, {"samordnare", Role::kCoordinator, ""}));
  const std::string before = ReadAll(path);
  EXPECT_NE(Error(TokenFile::Add(path, {"samordnare", Role::kReader, ""})).find("already"),
            std::string::npos);
  EXPECT_NE(Error(TokenFile::Add(path, {"polis", Role::kAgency, ""})).find("--agency"),
            std::string::npos);
  EXPECT_NE(Error(TokenFile::Add(path, {"Has Space", Role::kReader, ""})).find("name"),
            std::string::npos);
  EXPECT_NE(Error(TokenFile::Add(path, {std::string(101, 'a'), Role::kReader, ""})).find("name"),
            std::string::npos);
  Token(TokenFile::Add(path, {std::string(100, 'a'), Role::kReader, ""}));  // at the limit
  EXPECT_NE(Error(TokenFile::Add(path, {"x", Role::kAgency, "Polisen"})).find("agency"),
            std::string::npos);
  EXPECT_EQ(MustLoad(path)->size(), 2u);
  EXPECT_EQ(ReadAll(path).rfind(before, 0), 0u);  // earlier lines untouched
}

TEST(TokenFile, LoadNamesTheBadLine) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const std::string digest(64, 'a');
  struct Case {
    std::string text;
    std::string expect;
  };
  for (const Case& c : std::vector<Case>{
           {"# comment\n\n" + digest + "\tname\tcoordinator\n", ":3: expected 4"},
           {digest + "\tname\tadmin\t\n", ":1: unknown role 'admin'"},
           {"xyz\tname\treader\t\n", ":1: the first field must be"},
           {digest + "\tname\tagency\t\n", ":1: the agency role needs an agency"},
           {digest + "\ta\treader\t\n" + std::string(64, 'b') + "\ta\treader\t\n",
            ":2: principal 'a' is already on line 1"},
           {digest + "\ta\treader\t\n" + digest + "\tb\treader\t\n", ":2: the same token digest"},
       }) {
    WritePrivate(path, c.text);
    std::string error;
    EXPECT_EQ(TokenFile::Load(path, error), nullptr) << c.text;
    EXPECT_NE(error.find(c.expect), std::string::npos) << error;
  }
  std::string error;
  EXPECT_EQ(TokenFile::Load(dir.Sub("missing"), error), nullptr);
  EXPECT_NE(error.find("cannot read token file"), std::string::npos) << error;
}

// The file decides who may do what: one that group or others may read or change is refused, with
// the fix in the message, whatever it holds.
TEST(TokenFile, RefusesAFileGroupOrOthersMayUse) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  Token(TokenFile::Add(path, {"revisor", Role::kAuditor, ""}));
  for (const mode_t mode : {0640, 0604, 0620, 0602, 0610, 0601, 0644, 0666}) {
    ASSERT_EQ(chmod(path.c_str(), mode), 0);
    std::string error;
    EXPECT_EQ(TokenFile::Load(path, error), nullptr) << std::oct << mode;
    EXPECT_NE(error.find(path.string()), std::string::npos) << error;
    EXPECT_NE(error.find("chmod 600 " + path.string()), std::string::npos) << error;
    EXPECT_NE(Error(TokenFile::Add(path, {"x", Role::kReader, ""})).find("chmod 600"),
              std::string::npos);
    EXPECT_NE(TokenFile::Revoke(path, "revisor").find("chmod 600"), std::string::npos);
  }
  for (const mode_t mode : {0600, 0400}) {
    ASSERT_EQ(chmod(path.c_str(), mode), 0);
    EXPECT_EQ(MustLoad(path)->size(), 1u) << std::oct << mode;
  }
}

TEST(TokenFile, ReloadServesTheNewFileAndKeepsTheOldOneWhenTheNewOneIsBad) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const std::string anna = Token(TokenFile::Add(path, {"anna", Role::kCoordinator, ""}));
  std::unique_ptr<TokenFile> file = MustLoad(path);
  const std::string bo = Token(TokenFile::Add(path, {"bo", Role::kReader, ""}));
  EXPECT_FALSE(file->Authenticate(bo).has_value());  // not until reloaded
  EXPECT_EQ(file->Reload(), "");
  EXPECT_EQ(file->Authenticate(bo), (Principal{"bo", Role::kReader, ""}));

  ASSERT_EQ(TokenFile::Revoke(path, "anna"), "");
  EXPECT_TRUE(file->Authenticate(anna).has_value());
  EXPECT_EQ(file->Reload(), "");
  EXPECT_FALSE(file->Authenticate(anna).has_value());
  EXPECT_TRUE(file->Authenticate(bo).has_value());

  WritePrivate(path, "not a token file\n");
  EXPECT_NE(file->Reload().find(":1: expected 4"), std::string::npos);
  EXPECT_TRUE(file->Authenticate(bo).has_value());  // the old set stays in force
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_NE(file->Reload().find("chmod 600"), std::string::npos);
  EXPECT_TRUE(file->Authenticate(bo).has_value());
}

TEST(TokenFile, RevokeRemovesOnlyThatLineAndRefusesAnUnknownName) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  Token(TokenFile::Add(path, {"anna", Role::kCoordinator, ""}));
  Token(TokenFile::Add(path, {"polis", Role::kAgency, "polisen-lpo-varnamo"}));
  Token(TokenFile::Add(path, {"bo", Role::kReader, ""}));
  const std::string before = ReadAll(path);
  EXPECT_NE(TokenFile::Revoke(path, "nobody").find("principal 'nobody' is not in"),
            std::string::npos);
  EXPECT_EQ(ReadAll(path), before);

  ASSERT_EQ(TokenFile::Revoke(path, "polis"), "");
  EXPECT_EQ(MustLoad(path)->Principals(),
            (std::vector<Principal>{{"anna", Role::kCoordinator, ""}, {"bo", Role::kReader, ""}}));
  EXPECT_EQ(ReadAll(path).rfind("# trygg token file", 0), 0u);  // the comment stays
  EXPECT_EQ(Permissions(path), 0600u);
}

TEST(TokenFile, PrincipalsAreInFileOrderWithoutDigests) {
  TempDir dir;
  const auto path = dir.Sub("tokens");
  const std::vector<Principal> principals = {{"samordnare", Role::kCoordinator, "varnamo-kommun"},
                                             {"polis", Role::kAgency, "polisen-lpo-varnamo"},
                                             {"revisor", Role::kAuditor, ""}};
  for (const Principal& p : principals) Token(TokenFile::Add(path, p));
  EXPECT_EQ(MustLoad(path)->Principals(), principals);
}

TEST(Role, NamesRoundTrip) {
  for (Role r : {Role::kCoordinator, Role::kAgency, Role::kAuditor, Role::kReader}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("Coordinator").has_value());
}

}  // namespace
}  // namespace trygg::api
