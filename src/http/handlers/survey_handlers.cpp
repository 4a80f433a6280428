// Surveys over the API: templates, create (from a template or a definition), list, get,
// edit (a new version once published), publish / pause / resume / close, duplicate, and the
// responses with their CSV and XLSX exports. The rules live in collect::Surveys and
// collect::SurveyResponses.
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "collect/response_export.hpp"
#include "collect/survey_json.hpp"
#include "collect/survey_responses.hpp"
#include "collect/survey_templates.hpp"
#include "collect/surveys.hpp"
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/page_params.hpp"
#include "http/response.hpp"
#include "http/services.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr int kExportPageRows = 500;

core::Error NoSuchSurvey() { return core::Error::NotFound("No such survey"); }

boost::json::object SurveyRowView(const store::SurveyRow& row) {
  auto time_or_null = [](const std::optional<core::TimeMs>& time) -> boost::json::value {
    if (!time) return nullptr;
    return boost::json::value(core::FormatRfc3339(*time));
  };
  return {{"id", core::IdToString(row.id)},
          {"workspace_id", core::IdToString(row.workspace_id)},
          {"name", row.name},
          {"status", row.status},
          {"version", row.version},
          {"revision", row.revision},
          {"response_count", row.response_count},
          {"template", row.template_id.empty() ? boost::json::value(nullptr)
                                               : boost::json::value(row.template_id)},
          {"created_at", core::FormatRfc3339(row.created_at)},
          {"updated_at", core::FormatRfc3339(row.updated_at)},
          {"published_at", time_or_null(row.published_at)},
          {"closed_at", time_or_null(row.closed_at)}};
}

// The row's fields, the definition's, the public links and translation gaps.
boost::json::object SurveyView(const collect::Survey& survey) {
  boost::json::object view = collect::SurveyDefinitionToJson(*survey.definition);
  for (auto& [key, value] : SurveyRowView(survey.row)) view[key] = value;
  const std::string id = core::IdToString(survey.row.id);
  view["links"] = {{"page", "/s/" + id},
                   {"public_json", "/api/v1/public/surveys/" + id},
                   {"qr_svg", "/s/" + id + "/qr.svg"},
                   {"qr_png", "/s/" + id + "/qr.png"}};
  boost::json::array missing;
  for (const auto& gap : collect::MissingTranslations(*survey.definition)) {
    missing.push_back({{"field", gap.field}, {"code", gap.code}, {"message", gap.message}});
  }
  view["missing_translations"] = std::move(missing);
  return view;
}

boost::json::object ResponseView(const store::SurveyResponseRow& row) {
  return {{"id", core::IdToString(row.id)},
          {"survey_id", core::IdToString(row.survey_id)},
          {"version", row.version},
          {"status", row.status},
          {"channel", row.channel},
          {"language", row.language},
          {"customer_id", row.customer_id ? boost::json::value(core::IdToString(*row.customer_id))
                                          : boost::json::value(nullptr)},
          {"invitation_id", row.invitation_id
                                ? boost::json::value(core::IdToString(*row.invitation_id))
                                : boost::json::value(nullptr)},
          {"answers", ParseJsonOrEmptyObject(row.answers_json)},
          {"hidden", ParseJsonOrEmptyObject(row.hidden_json)},
          {"started_at", core::FormatRfc3339(row.started_at)},
          {"updated_at", core::FormatRfc3339(row.updated_at)},
          {"completed_at", row.completed_at
                               ? boost::json::value(core::FormatRfc3339(*row.completed_at))
                               : boost::json::value(nullptr)}};
}

core::Result<core::Id> SurveyIdParam(const RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) return NoSuchSurvey();
  return *id;
}

// A definition from a request body; "revision" (optional) is the edit guard, not content.
core::Result<collect::SurveyDefinition> ReadDefinition(boost::json::object body,
                                                       std::optional<std::int64_t>& revision) {
  if (const auto* value = body.if_contains("revision")) {
    if (!value->is_int64() || value->as_int64() < 1) {
      return core::Error::Field("revision", "type", "The revision of the survey you edited");
    }
    revision = value->as_int64();
    body.erase("revision");
  }
  // What GET adds around the definition may be sent back as it came.
  for (const std::string_view key : {"links", "missing_translations", "response_count", "template",
                                     "closed_at", "published_at", "workspace_id"}) {
    body.erase(key);
  }
  return collect::ParseSurveyDefinition(body);
}

Reply StatusChange(RequestContext& context, collect::SurveyStatus to) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  std::optional<std::int64_t> revision;
  if (!context.request.body().empty()) {
    auto body = ParseJsonObjectBody(context.request.body());
    if (!body) co_return ErrorResponse(context, body.error());
    Validation validation;
    FieldReader reader = validation.Reader(*body);
    reader.RejectUnknown({"revision"});
    revision = reader.Integer("revision", Presence::kOptional, 1, INT64_MAX);
    if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The request is invalid"));
  }
  auto survey = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.surveys.ChangeStatus(context.workspace_id, *id, to, revision,
                                                 context.actor());
  });
  if (!survey) co_return ErrorResponse(context, survey.error());
  co_return JsonResponse(context, Status::ok, SurveyView(*survey));
}

}  // namespace

Reply ListSurveyTemplates(RequestContext& context) {
  boost::json::array templates;
  for (const std::string_view id : collect::SurveyTemplateIds()) {
    auto definition = collect::SurveyFromTemplate(id, "");
    if (!definition) co_return ErrorResponse(context, definition.error());
    boost::json::array questions;
    for (const auto& question : definition->questions) {
      questions.push_back({{"id", question.id}, {"type", collect::QuestionTypeName(question.type)}});
    }
    templates.push_back({{"id", id},
                         {"name", definition->name},
                         {"languages", boost::json::value_from(definition->languages)},
                         {"questions", std::move(questions)}});
  }
  co_return JsonResponse(context, Status::ok, boost::json::object{{"items", std::move(templates)}});
}

Reply CreateSurvey(RequestContext& context) {
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  collect::NewSurvey request;
  if (body->contains("template")) {
    Validation validation;
    FieldReader reader = validation.Reader(*body);
    reader.RejectUnknown({"template", "name", "default_language"});
    request.template_id = reader.String("template", Presence::kRequired, 40).value_or("");
    request.name = reader.String("name", Presence::kOptional, 200).value_or("");
    request.default_language = reader.String("default_language", Presence::kOptional, 20).value_or("");
    if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The survey is invalid"));
  } else {
    std::optional<std::int64_t> ignored_revision;
    auto definition = ReadDefinition(std::move(*body), ignored_revision);
    if (!definition) co_return ErrorResponse(context, definition.error());
    request.definition = std::move(*definition);
  }
  auto survey = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.surveys.Create(context.workspace_id, request, context.actor());
  });
  if (!survey) co_return ErrorResponse(context, survey.error());
  Response response = JsonResponse(context, Status::created, SurveyView(*survey));
  response.set(beast_http::field::location, "/api/v1/workspaces/" +
                                                core::IdToString(context.workspace_id) +
                                                "/surveys/" + core::IdToString(survey->row.id));
  co_return response;
}

Reply ListSurveys(RequestContext& context) {
  auto page = ReadPageParams(context);
  if (!page) co_return ErrorResponse(context, page.error());
  const std::string status(context.Query("status"));
  if (!status.empty() && !collect::ParseSurveyStatus(status)) {
    co_return ErrorResponse(context, core::Error::Field("status", "invalid",
                                                        "One of draft, active, paused, closed"));
  }
  auto surveys = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.surveys.List(context.workspace_id, status, page->after_id, page->limit);
  });
  if (!surveys) co_return ErrorResponse(context, surveys.error());
  boost::json::array items;
  for (const auto& row : surveys->surveys) items.push_back(SurveyRowView(row));
  co_return JsonResponse(context, Status::ok,
                         PageBody(std::move(items), NextCursor(surveys->next_after_id)));
}

Reply GetSurvey(RequestContext& context) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto survey = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.surveys.Get(context.workspace_id, *id);
  });
  if (!survey) co_return ErrorResponse(context, survey.error());
  co_return JsonResponse(context, Status::ok, SurveyView(*survey));
}

Reply UpdateSurvey(RequestContext& context) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  std::optional<std::int64_t> revision;
  auto definition = ReadDefinition(std::move(*body), revision);
  if (!definition) co_return ErrorResponse(context, definition.error());
  auto survey = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.surveys.Edit(context.workspace_id, *id, std::move(*definition),
                                         revision, context.actor());
  });
  if (!survey) co_return ErrorResponse(context, survey.error());
  co_return JsonResponse(context, Status::ok, SurveyView(*survey));
}

Reply PublishSurvey(RequestContext& context) {
  return StatusChange(context, collect::SurveyStatus::kActive);
}
Reply PauseSurvey(RequestContext& context) {
  return StatusChange(context, collect::SurveyStatus::kPaused);
}
Reply CloseSurvey(RequestContext& context) {
  return StatusChange(context, collect::SurveyStatus::kClosed);
}

Reply DuplicateSurvey(RequestContext& context) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  std::string name;
  if (!context.request.body().empty()) {
    auto body = ParseJsonObjectBody(context.request.body());
    if (!body) co_return ErrorResponse(context, body.error());
    Validation validation;
    FieldReader reader = validation.Reader(*body);
    reader.RejectUnknown({"name"});
    name = reader.String("name", Presence::kOptional, 200).value_or("");
    if (!validation.ok()) co_return ErrorResponse(context, validation.ToError("The request is invalid"));
  }
  auto survey = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.surveys.Duplicate(context.workspace_id, *id, name, context.actor());
  });
  if (!survey) co_return ErrorResponse(context, survey.error());
  co_return JsonResponse(context, Status::created, SurveyView(*survey));
}

Reply ListSurveyResponses(RequestContext& context) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto page = ReadPageParams(context);
  if (!page) co_return ErrorResponse(context, page.error());
  collect::ResponseFilter filter{std::string(context.Query("status")), page->after_id, page->limit};
  if (!filter.status.empty() && filter.status != "partial" && filter.status != "completed") {
    co_return ErrorResponse(context, core::Error::Field("status", "invalid", "partial or completed"));
  }
  auto responses = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.survey_responses.List(context.workspace_id, *id, filter);
  });
  if (!responses) co_return ErrorResponse(context, responses.error());
  boost::json::array items;
  for (const auto& row : responses->responses) items.push_back(ResponseView(row));
  co_return JsonResponse(context, Status::ok,
                         PageBody(std::move(items), NextCursor(responses->next_after_id)));
}

// Both exports read the survey's versions, then the completed responses page by page.
namespace {

struct ExportSource {
  std::vector<std::shared_ptr<const collect::SurveyDefinition>> versions;
  std::string file_stem;
};

core::Result<ExportSource> LoadExportSource(RequestContext& context, core::Id survey_id) {
  VOXLOOP_ASSIGN_OR_RETURN(auto survey, context.services.surveys.Get(context.workspace_id, survey_id));
  ExportSource source;
  VOXLOOP_ASSIGN_OR_RETURN(source.versions, context.services.surveys.AllVersions(survey_id));
  source.file_stem = "survey-" + core::IdToString(survey_id) + "-responses";
  return source;
}

template <typename OnRow>
core::Status ForEachExportRow(RequestContext& context, core::Id survey_id, OnRow on_row) {
  const bool include_contact = context.Can(auth::Permission::kPiiRead);
  core::Id after = 0;
  while (true) {
    VOXLOOP_ASSIGN_OR_RETURN(auto page, context.services.survey_responses.ExportPage(
                                            context.workspace_id, survey_id, after, kExportPageRows,
                                            include_contact));
    for (const auto& response : page) VOXLOOP_TRY(on_row(response));
    if (static_cast<int>(page.size()) < kExportPageRows) return core::Ok();
    after = *core::ParseId(page.back().id);
  }
}

std::vector<const collect::SurveyDefinition*> Pointers(const ExportSource& source) {
  std::vector<const collect::SurveyDefinition*> pointers;
  for (const auto& version : source.versions) pointers.push_back(version.get());
  return pointers;
}

}  // namespace

Reply ExportSurveyResponsesCsv(RequestContext& context) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto csv = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<std::pair<std::string, std::string>> {
    VOXLOOP_ASSIGN_OR_RETURN(auto source, LoadExportSource(context, *id));
    const collect::ExportLayout layout(Pointers(source));
    const collect::CsvResponseWriter writer(layout);
    std::string out = writer.Header();
    VOXLOOP_TRY(ForEachExportRow(context, *id, [&](const collect::ExportResponse& response) {
      out += writer.Row(response);
      return core::Ok();
    }));
    return std::make_pair(std::move(out), source.file_stem);
  });
  if (!csv) co_return ErrorResponse(context, csv.error());
  Response response = TextResponse(context, Status::ok, "text/csv; charset=utf-8", std::move(csv->first));
  response.set(beast_http::field::content_disposition,
               "attachment; filename=\"" + csv->second + ".csv\"");
  co_return response;
}

Reply ExportSurveyResponsesXlsx(RequestContext& context) {
  auto id = SurveyIdParam(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto xlsx = co_await Offload(context.services.blocking_pool, [&]() -> core::Result<std::pair<std::string, std::string>> {
    VOXLOOP_ASSIGN_OR_RETURN(auto source, LoadExportSource(context, *id));
    const collect::ExportLayout layout(Pointers(source));
    // Rows stream into libxlsxwriter's file (constant memory); only the finished file is read.
    const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                       ("voxloop-export-" + core::IdToString(core::NewId()) + ".xlsx");
    struct RemoveFile {
      std::filesystem::path path;
      ~RemoveFile() { std::error_code ignored; std::filesystem::remove(path, ignored); }
    } cleanup{path};
    VOXLOOP_ASSIGN_OR_RETURN(auto writer, collect::XlsxResponseWriter::Create(layout, path.string()));
    VOXLOOP_TRY(ForEachExportRow(context, *id, [&](const collect::ExportResponse& response) {
      return writer->AddRow(response);
    }));
    VOXLOOP_TRY(writer->Finish());
    std::ifstream file(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (!file.good() && !file.eof()) return core::Error::Unavailable("The export could not be read");
    return std::make_pair(std::move(bytes), source.file_stem);
  });
  if (!xlsx) co_return ErrorResponse(context, xlsx.error());
  Response response = TextResponse(
      context, Status::ok, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      std::move(xlsx->first));
  response.set(beast_http::field::content_disposition,
               "attachment; filename=\"" + xlsx->second + ".xlsx\"");
  co_return response;
}

}  // namespace voxloop::http::handlers
