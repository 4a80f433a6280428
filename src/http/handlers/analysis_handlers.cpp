// Analysis: correcting an item's sentiment and topics, the workspace's taxonomy, its trained
// models and their quality, and background re-analysis with progress.
#include <boost/json.hpp>

#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/json_views.hpp"
#include "http/json_reader.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "learning/analysis_service.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::size_t kMaxTopicsPerItem = 20;
constexpr std::size_t kMaxTaxonomyBytes = 512 * 1024;

core::Result<std::string> TaskParam(const RequestContext& context) {
  const std::string task(context.Param("task"));
  if (task != "sentiment" && task != "topic") {
    return core::Error::NotFound("No such model task: use sentiment or topic");
  }
  return task;
}

std::optional<core::Id> UserId(const RequestContext& context) {
  if (!context.principal || context.principal->kind != auth::Principal::Kind::kUser) return {};
  return context.principal->id;
}

boost::json::value ParsedOrEmpty(const std::string& json) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(json, error);
  return error ? boost::json::value(boost::json::object{}) : value;
}

boost::json::object JobView(const store::Job& job) {
  return {{"id", core::IdToString(job.id)},
          {"kind", job.kind},
          {"status", job.status},
          {"progress", {{"done", job.progress_done}, {"total", job.progress_total}}},
          {"attempts", job.attempts},
          {"result", ParsedOrEmpty(job.result_json)},
          {"error", job.error}};
}

boost::json::object ModelView(const store::StoredModel& model) {
  return {{"id", core::IdToString(model.id)},
          {"task", model.task},
          {"version", model.version},
          {"serving", model.source},
          {"status", model.status},
          {"examples", model.examples},
          {"created_at", core::FormatRfc3339(model.created_at)},
          {"metrics", ParsedOrEmpty(model.metrics_json)}};
}

boost::json::object TaxonomyView(const learning::TaxonomyView& taxonomy) {
  boost::json::object view = ParsedOrEmpty(taxonomy.definition_json).as_object();
  view["version"] = taxonomy.version;
  return view;
}

Response AcceptedJob(const RequestContext& context, core::Id job_id) {
  return JsonResponse(context, Status::accepted,
                      {{"job", {{"id", core::IdToString(job_id)}, {"status", "queued"}}}});
}

core::Result<learning::AnalysisCorrection> ReadCorrection(const boost::json::object& body) {
  Validation validation;
  FieldReader reader = validation.Reader(body);
  reader.RejectUnknown({"sentiment", "topics"});
  learning::AnalysisCorrection correction;
  if (auto label = reader.String("sentiment", Presence::kOptional, 20)) {
    correction.sentiment = core::ParseSentimentLabel(*label);
    if (!correction.sentiment) {
      reader.AddError("sentiment", "invalid", "Use negative, neutral or positive");
    }
  }
  correction.topics = reader.StringList("topics", Presence::kOptional, kMaxTopicsPerItem, 200);
  if (validation.ok() && !correction.sentiment && !correction.topics) {
    reader.AddError("sentiment", "required", "Give a sentiment, topics or both");
  }
  if (!validation.ok()) return validation.ToError("The correction is invalid");
  return correction;
}

}  // namespace

Reply CorrectFeedback(RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such feedback item"));
  auto body = ParseJsonObjectBody(context.request.body());
  if (!body) co_return ErrorResponse(context, body.error());
  auto correction = ReadCorrection(*body);
  if (!correction) co_return ErrorResponse(context, correction.error());
  const auth::Actor actor = context.actor();
  auto item = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.Correct(context.workspace_id, *id, *correction,
                                             learning::Corrector{actor.type, actor.id});
  });
  if (!item) co_return ErrorResponse(context, item.error());
  co_return JsonResponse(context, Status::ok,
                         FeedbackView(*item, context.Can(auth::Permission::kPiiRead)));
}

Reply GetTaxonomy(RequestContext& context) {
  auto taxonomy = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.GetTaxonomy(context.workspace_id);
  });
  if (!taxonomy) co_return ErrorResponse(context, taxonomy.error());
  co_return JsonResponse(context, Status::ok, TaxonomyView(*taxonomy));
}

Reply PutTaxonomy(RequestContext& context) {
  const std::string& body = context.request.body();
  if (body.size() > kMaxTaxonomyBytes) {
    co_return ErrorResponse(context, core::Error::TooLarge("A taxonomy is at most 512 KiB"));
  }
  if (auto parsed = ParseJsonObjectBody(body); !parsed) {
    co_return ErrorResponse(context, parsed.error());
  }
  auto taxonomy = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.SetTaxonomy(context.workspace_id, body, UserId(context));
  });
  if (!taxonomy) co_return ErrorResponse(context, taxonomy.error());
  co_return JsonResponse(context, Status::ok, TaxonomyView(*taxonomy));
}

Reply ListModels(RequestContext& context) {
  learning::AnalysisService& analysis = context.services.analysis;
  auto models = co_await Offload(context.services.blocking_pool, [&] {
    return analysis.ListModels(context.workspace_id);
  });
  if (!models) co_return ErrorResponse(context, models.error());
  boost::json::array views;
  for (const store::StoredModel& model : *models) views.push_back(ModelView(model));
  boost::json::object corrections;
  for (const char* task : {"sentiment", "topic"}) {
    auto count = co_await Offload(context.services.blocking_pool, [&] {
      return analysis.CountCorrections(context.workspace_id, task);
    });
    if (!count) co_return ErrorResponse(context, count.error());
    corrections[task] = *count;
  }
  co_return JsonResponse(context, Status::ok,
                         {{"models", std::move(views)},
                          {"corrections", std::move(corrections)},
                          {"min_training_examples", learning::kMinTrainingExamples}});
}

Reply GetModel(RequestContext& context) {
  auto task = TaskParam(context);
  if (!task) co_return ErrorResponse(context, task.error());
  auto models = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.ListModels(context.workspace_id);
  });
  if (!models) co_return ErrorResponse(context, models.error());
  for (const store::StoredModel& model : *models) {
    if (model.task == *task && model.status == "active") {
      co_return JsonResponse(context, Status::ok, ModelView(model));
    }
  }
  co_return ErrorResponse(context, core::Error::NotFound("No " + *task + " model trained yet"));
}

Reply TrainModel(RequestContext& context) {
  auto task = TaskParam(context);
  if (!task) co_return ErrorResponse(context, task.error());
  auto job = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.StartTraining(context.workspace_id, *task, UserId(context));
  });
  if (!job) co_return ErrorResponse(context, job.error());
  co_return AcceptedJob(context, *job);
}

Reply StartReanalysis(RequestContext& context) {
  auto job = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.StartReanalysis(context.workspace_id, "requested");
  });
  if (!job) co_return ErrorResponse(context, job.error());
  co_return AcceptedJob(context, *job);
}

Reply GetJob(RequestContext& context) {
  const auto id = core::ParseId(context.Param("id"));
  if (!id) co_return ErrorResponse(context, core::Error::NotFound("No such job"));
  auto job = co_await Offload(context.services.blocking_pool, [&] {
    return context.services.analysis.GetJob(context.workspace_id, *id);
  });
  if (!job) co_return ErrorResponse(context, job.error());
  if (!*job) co_return ErrorResponse(context, core::Error::NotFound("No such job"));
  co_return JsonResponse(context, Status::ok, JobView(**job));
}

}  // namespace voxloop::http::handlers
