#include "collect/condition_json.hpp"

#include <utility>

namespace voxloop::collect {
namespace {

bool NeedsValue(ConditionOp op) {
  return op != ConditionOp::kAnswered && op != ConditionOp::kNotAnswered;
}

std::optional<Condition> ReadCombination(const boost::json::object& object, const std::string& path,
                                         DefinitionReadContext& context, int depth) {
  JsonFields fields(object, path, context.errors);
  if (object.size() != 1) {
    fields.Fail("", "invalid", "A combination has exactly one of \"all\", \"any\" or \"not\"");
    return std::nullopt;
  }
  Condition condition;
  if (const auto* negated = object.if_contains("not")) {
    condition.kind = Condition::Kind::kNot;
    auto child = ReadCondition(*negated, fields.Path("not"), context, depth + 1);
    if (!child) return std::nullopt;
    condition.children.push_back(std::move(*child));
    return condition;
  }
  const bool is_all = object.contains("all");
  const std::string_view key = is_all ? "all" : "any";
  condition.kind = is_all ? Condition::Kind::kAll : Condition::Kind::kAny;
  const auto* array = fields.Array(key, true, 50);
  if (array == nullptr) return std::nullopt;
  if (array->empty()) {
    fields.Fail(key, "required", "Give at least one condition");
    return std::nullopt;
  }
  bool complete = true;
  for (std::size_t child_idx = 0; child_idx < array->size(); ++child_idx) {
    auto child = ReadCondition((*array)[child_idx], IndexPath(fields.Path(key), child_idx), context,
                               depth + 1);
    if (child) condition.children.push_back(std::move(*child));
    complete = complete && child.has_value();
  }
  if (!complete) return std::nullopt;
  return condition;
}

std::optional<Condition> ReadComparison(const boost::json::object& object, const std::string& path,
                                        DefinitionReadContext& context) {
  JsonFields fields(object, path, context.errors);
  fields.RejectUnknown({"question", "hidden", "op", "value"});
  Condition condition;
  condition.kind = Condition::Kind::kCompare;
  const bool has_question = object.contains("question");
  if (has_question == object.contains("hidden")) {
    fields.Fail("", "invalid", "A condition names exactly one of \"question\" or \"hidden\"");
    return std::nullopt;
  }
  auto subject = fields.String(has_question ? "question" : "hidden", true, kMaxIdLength + 10);
  const auto op_name = fields.String("op", true, 20);
  if (!subject || !op_name) return std::nullopt;
  (has_question ? condition.question_id : condition.hidden_field) = std::move(*subject);
  const auto op = ParseConditionOp(*op_name);
  if (!op) {
    fields.Fail("op", "unknown",
                "Unknown operator \"" + *op_name +
                    "\"; use eq, neq, lt, lte, gt, gte, in, not_in, includes, excludes, answered "
                    "or not_answered");
    return std::nullopt;
  }
  condition.op = *op;
  const auto* value = fields.Get("value", NeedsValue(*op));
  if (NeedsValue(*op)) {
    if (value == nullptr) return std::nullopt;
    condition.value = *value;
  } else if (value != nullptr) {
    fields.Fail("value", "unknown", "\"" + *op_name + "\" takes no value");
    return std::nullopt;
  }
  return condition;
}

}  // namespace

std::optional<Condition> ReadCondition(const boost::json::value& json, const std::string& path,
                                       DefinitionReadContext& context, int depth) {
  if (depth > kMaxConditionDepth) {
    AddFieldError(context.errors, path, "too_deep",
                  "Conditions nest at most " + std::to_string(kMaxConditionDepth) + " levels");
    return std::nullopt;
  }
  if (!json.is_object()) {
    AddFieldError(context.errors, path, "type",
                  "Expected a condition object, got " + std::string(JsonKindName(json)));
    return std::nullopt;
  }
  const auto& object = json.get_object();
  if (object.contains("all") || object.contains("any") || object.contains("not")) {
    return ReadCombination(object, path, context, depth);
  }
  return ReadComparison(object, path, context);
}

boost::json::value ConditionToJson(const Condition& condition) {
  boost::json::object json;
  switch (condition.kind) {
    case Condition::Kind::kNot:
      json["not"] = condition.children.empty() ? boost::json::value()
                                               : ConditionToJson(condition.children.front());
      return json;
    case Condition::Kind::kAll:
    case Condition::Kind::kAny: {
      boost::json::array children;
      for (const auto& child : condition.children) children.push_back(ConditionToJson(child));
      json[condition.kind == Condition::Kind::kAll ? "all" : "any"] = std::move(children);
      return json;
    }
    case Condition::Kind::kCompare:
      break;
  }
  if (!condition.question_id.empty()) {
    json["question"] = condition.question_id;
  } else {
    json["hidden"] = condition.hidden_field;
  }
  json["op"] = ConditionOpName(condition.op);
  if (NeedsValue(condition.op)) json["value"] = condition.value;
  return json;
}

}  // namespace voxloop::collect
