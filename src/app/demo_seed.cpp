#include "app/demo_seed.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include <boost/json.hpp>

#include "auth/secrets.hpp"
#include "core/time.hpp"

namespace voxloop::app::demo_files {
std::optional<std::string_view> EmbeddedFile(std::string_view relative_path);
}  // namespace voxloop::app::demo_files

namespace voxloop::app {
namespace {

constexpr int kDemoItems = 360;
constexpr int kDemoSurveyResponses = 80;
constexpr core::TimeMs kDayMs = 24LL * 3600 * 1000;

struct DemoText {
  std::string language;
  core::Channel channel;
  std::optional<double> rating;
  std::string text;
};

std::vector<DemoText> LoadDemoTexts() {
  std::vector<DemoText> texts;
  std::istringstream in(std::string(demo_files::EmbeddedFile("feedback.tsv").value_or("")));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::istringstream fields(line);
    std::string language, channel, rating, text;
    std::getline(fields, language, '\t');
    std::getline(fields, channel, '\t');
    std::getline(fields, rating, '\t');
    std::getline(fields, text);
    std::optional<double> score;
    if (rating != "-") score = std::stod(rating);
    texts.push_back({language, core::ParseChannel(channel).value_or(core::Channel::kApi), score, text});
  }
  return texts;
}

store::CustomerInput DemoCustomer(const std::string& language, int number, std::mt19937& random) {
  static const std::vector<std::string> kVietnamese = {"Nguyễn Thị Lan", "Trần Văn Minh", "Lê Hoàng Anh",
                                                       "Phạm Thu Hà", "Võ Quốc Bảo", "Đặng Mỹ Linh"};
  static const std::vector<std::string> kChinese = {"王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊"};
  static const std::vector<std::string> kEnglish = {"Emma Wilson", "James Carter", "Olivia Brown",
                                                    "Noah Davis", "Ava Martinez", "Liam Johnson"};
  static const std::vector<std::string> kSegments = {"enterprise", "smb", "consumer"};
  static const std::vector<std::string> kPlans = {"free", "pro", "business"};
  const auto& names = language == "vi" ? kVietnamese : language == "zh" ? kChinese : kEnglish;
  const std::string domain = language == "vi" ? "example.vn" : language == "zh" ? "example.cn" : "example.com";
  const std::string city = language == "vi" ? (number % 2 ? "Hà Nội" : "TP. Hồ Chí Minh")
                           : language == "zh" ? (number % 2 ? "上海" : "北京")
                                              : (number % 2 ? "London" : "New York");
  store::CustomerInput customer;
  customer.external_id = "demo-" + language + "-" + std::to_string(number);
  customer.email = "customer" + std::to_string(number) + "." + language + "@" + domain;
  customer.name = names[number % names.size()];
  customer.attributes_json = "{\"segment\":\"" + kSegments[random() % kSegments.size()] +
                             "\",\"plan\":\"" + kPlans[random() % kPlans.size()] +
                             "\",\"city\":\"" + city + "\"}";
  return customer;
}

// A published NPS survey (Vietnamese first) answered by demo customers: the rated demo texts
// are their reasons, the ratings their scores.
core::Status SeedDemoSurvey(Runtime& runtime, const std::vector<DemoText>& texts,
                            std::mt19937& random, DemoCredentials& credentials) {
  const auth::Actor system = auth::Actor::System();
  VOXLOOP_ASSIGN_OR_RETURN(auto survey,
                           runtime.surveys().Create(credentials.workspace_id,
                                                    {.template_id = "nps",
                                                     .name = "Khảo sát NPS khách hàng",
                                                     .default_language = "vi"},
                                                    system));
  VOXLOOP_TRY(runtime.surveys().ChangeStatus(credentials.workspace_id, survey.row.id,
                                             collect::SurveyStatus::kActive, std::nullopt, system));
  credentials.survey_id = survey.row.id;
  constexpr std::string_view kChannels[] = {"link", "email", "widget", "qr"};
  for (int response_idx = 0; response_idx < kDemoSurveyResponses; ++response_idx) {
    const DemoText& text = texts[random() % texts.size()];
    if (!text.rating) continue;
    collect::ResponseSubmission submission;
    submission.survey_id = survey.row.id;
    const int score = static_cast<int>(*text.rating);
    boost::json::object answers{{"nps", score}, {"reason", text.text}};
    if (score <= 6) answers["contact"] = random() % 2 == 0;
    submission.answers = std::move(answers);
    submission.language = text.language;
    submission.channel = std::string(kChannels[response_idx % 4]);
    submission.customer = DemoCustomer(text.language, static_cast<int>(random() % 40), random);
    submission.client_address = "demo-" + std::to_string(response_idx);
    VOXLOOP_TRY(runtime.survey_responses().Submit(submission));
    ++credentials.survey_responses;
  }
  return core::Ok();
}

}  // namespace

core::Result<DemoCredentials> SeedDemoWorkspace(Runtime& runtime) {
  DemoCredentials credentials;
  credentials.email = "owner@demo.voxloop.local";
  credentials.password = auth::RandomUrlSafe(12);
  const auth::Actor system = auth::Actor::System();
  auth::Accounts& accounts = runtime.accounts();
  VOXLOOP_ASSIGN_OR_RETURN(auto user, accounts.CreateUser({credentials.email, credentials.password,
                                                           "Demo Owner", "en"}, system));
  VOXLOOP_ASSIGN_OR_RETURN(auto workspace,
                           accounts.CreateWorkspace({"Voxloop Demo Shop", "Asia/Ho_Chi_Minh", "vi",
                                                     std::nullopt},
                                                    user.id, system));
  credentials.workspace_id = workspace.id;
  const std::vector<DemoText> texts = LoadDemoTexts();
  if (texts.empty()) return core::Error::Internal("demo feedback data is missing");
  std::mt19937 random(20261124);
  ingest::IntakeRequest request;
  request.workspace_id = workspace.id;
  const core::TimeMs now = core::NowMs();
  for (int item_idx = 0; item_idx < kDemoItems; ++item_idx) {
    const DemoText& text = texts[random() % texts.size()];
    ingest::FeedbackInput input;
    input.channel = text.channel;
    input.text = text.text;
    input.rating = text.rating;
    input.received_at = now - static_cast<core::TimeMs>(random() % (90 * kDayMs));
    input.customer = DemoCustomer(text.language, static_cast<int>(random() % 40), random);
    input.metadata_json = "{\"source\":\"demo\"}";
    request.inputs.push_back(std::move(input));
  }
  auto prepared = runtime.intake().Prepare(std::move(request));
  VOXLOOP_TRY(runtime.database().writer().Run(runtime.intake().StoreJob(prepared, 201)));
  credentials.feedback_items = kDemoItems;
  VOXLOOP_TRY(SeedDemoSurvey(runtime, texts, random, credentials));
  std::ofstream file(runtime.options().data_dir + "/demo-credentials.txt", std::ios::trunc);
  file << "email: " << credentials.email << "\npassword: " << credentials.password << "\n";
  return credentials;
}

void PrintDemoWelcome(const DemoCredentials& credentials, std::ostream& out) {
  out << "\nCreated the demo workspace " << core::IdToString(credentials.workspace_id) << " with "
      << credentials.feedback_items << " feedback items and an NPS survey with "
      << credentials.survey_responses << " responses (answer it at /s/"
      << core::IdToString(credentials.survey_id) << ").\n"
      << "Sign in with  e-mail: " << credentials.email << "\n"
      << "            password: " << credentials.password << "\n"
      << "(also saved in demo-credentials.txt in the data directory)\n\n";
}

}  // namespace voxloop::app
