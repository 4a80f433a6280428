#include "workflow/conditions.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "analysis/text.hpp"

namespace voxloop::workflow {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxDepth = 8;
constexpr std::size_t kMaxChildren = 50;
constexpr std::size_t kMaxValues = 100;

enum class FieldType { kText, kNumber, kTopics };

std::optional<FieldType> TypeOf(const std::string& field) {
  if (field == "rating" || field == "sentiment.score" || field == "nps" || field == "csat" || field == "ces") {
    return FieldType::kNumber;
  }
  if (field == "topics") return FieldType::kTopics;
  if (field == "channel" || field == "text" || field == "language" || field == "sentiment.label" ||
      field == "survey") {
    return FieldType::kText;
  }
  if (field.starts_with("customer.") && field.size() > 9 && field.size() <= 109) return FieldType::kText;
  return std::nullopt;
}

std::optional<ConditionOp> OpOf(std::string_view op) {
  if (op == "eq") return ConditionOp::kEq;
  if (op == "ne") return ConditionOp::kNe;
  if (op == "in") return ConditionOp::kIn;
  if (op == "lt") return ConditionOp::kLt;
  if (op == "lte") return ConditionOp::kLte;
  if (op == "gt") return ConditionOp::kGt;
  if (op == "gte") return ConditionOp::kGte;
  if (op == "contains") return ConditionOp::kContains;
  if (op == "exists") return ConditionOp::kExists;
  return std::nullopt;
}

core::Result<Condition> ParseAt(const json::value& value, const std::string& path, std::size_t depth);

core::Result<Condition> ParseLeaf(const json::object& object, const std::string& path) {
  for (const auto& [key, unused] : object) {
    if (key != "field" && key != "op" && key != "value") {
      return core::Error::Field(path + "/" + std::string(key), "unknown", "A condition has field, op and value");
    }
  }
  Condition leaf;
  const json::value* field = object.if_contains("field");
  if (field == nullptr || !field->is_string()) return core::Error::Field(path + "/field", "required", "Name a field");
  leaf.field = std::string(field->as_string());
  const std::optional<FieldType> type = TypeOf(leaf.field);
  if (!type) return core::Error::Field(path + "/field", "invalid", "Unknown field: " + leaf.field);
  const json::value* op = object.if_contains("op");
  if (op == nullptr || !op->is_string()) return core::Error::Field(path + "/op", "required", "Name an op");
  const std::optional<ConditionOp> parsed_op = OpOf(op->as_string());
  if (!parsed_op) return core::Error::Field(path + "/op", "invalid", "Unknown op: " + std::string(op->as_string()));
  leaf.op = *parsed_op;
  const json::value* given = object.if_contains("value");
  if (given == nullptr) return core::Error::Field(path + "/value", "required", "This field is required");
  const std::string value_path = path + "/value";
  if (leaf.op == ConditionOp::kExists) {
    if (!given->is_bool()) return core::Error::Field(value_path, "invalid_type", "exists takes true or false");
    leaf.flag = given->as_bool();
    return leaf;
  }
  const bool ordered = leaf.op == ConditionOp::kLt || leaf.op == ConditionOp::kLte || leaf.op == ConditionOp::kGt ||
                       leaf.op == ConditionOp::kGte;
  if (ordered && *type != FieldType::kNumber) {
    return core::Error::Field(path + "/op", "invalid", leaf.field + " is not a number: use eq, ne, in or contains");
  }
  if (leaf.op == ConditionOp::kContains && *type == FieldType::kNumber) {
    return core::Error::Field(path + "/op", "invalid", leaf.field + " is a number: use eq, ne, in, lt, lte, gt or gte");
  }
  std::vector<const json::value*> values;
  if (leaf.op == ConditionOp::kIn) {
    if (!given->is_array() || given->as_array().empty() || given->as_array().size() > kMaxValues) {
      return core::Error::Field(value_path, "invalid_type", "in takes an array of 1 to 100 values");
    }
    for (const json::value& entry : given->as_array()) values.push_back(&entry);
  } else {
    values.push_back(given);
  }
  for (std::size_t idx = 0; idx < values.size(); ++idx) {
    const json::value& entry = *values[idx];
    const std::string entry_path = leaf.op == ConditionOp::kIn ? value_path + "/" + std::to_string(idx) : value_path;
    if (*type == FieldType::kNumber) {
      if (!entry.is_number()) return core::Error::Field(entry_path, "invalid_type", leaf.field + " takes numbers");
      leaf.numbers.push_back(entry.to_number<double>());
    } else {
      if (!entry.is_string() || entry.as_string().size() > 500) {
        return core::Error::Field(entry_path, "invalid_type", leaf.field + " takes text of at most 500 characters");
      }
      std::string text(entry.as_string());
      if (leaf.field == "text") text = analysis::FoldForSearch(text);
      leaf.texts.push_back(std::move(text));
    }
  }
  if (leaf.field == "text" && leaf.op != ConditionOp::kContains && leaf.op != ConditionOp::kExists) {
    return core::Error::Field(path + "/op", "invalid", "text takes contains or exists");
  }
  return leaf;
}

core::Result<Condition> ParseAt(const json::value& value, const std::string& path, std::size_t depth) {
  if (depth > kMaxDepth) return core::Error::Field(path, "invalid", "Conditions nest at most 8 deep");
  const json::object* object = value.if_object();
  if (object == nullptr) return core::Error::Field(path, "invalid_type", "A condition is an object");
  for (const char* group : {"all", "any"}) {
    if (const json::value* list = object->if_contains(group)) {
      if (object->size() != 1) return core::Error::Field(path, "invalid", std::string(group) + " stands alone");
      if (!list->is_array() || list->as_array().empty() || list->as_array().size() > kMaxChildren) {
        return core::Error::Field(path + "/" + group, "invalid_type", "A list of 1 to 50 conditions");
      }
      Condition node;
      node.kind = std::string_view(group) == "all" ? Condition::Kind::kAll : Condition::Kind::kAny;
      for (std::size_t idx = 0; idx < list->as_array().size(); ++idx) {
        VOXLOOP_ASSIGN_OR_RETURN(Condition child,
                                 ParseAt(list->as_array()[idx], path + "/" + group + "/" + std::to_string(idx), depth + 1));
        node.children.push_back(std::move(child));
      }
      return node;
    }
  }
  if (const json::value* inner = object->if_contains("not")) {
    if (object->size() != 1) return core::Error::Field(path, "invalid", "not stands alone");
    Condition node;
    node.kind = Condition::Kind::kNot;
    VOXLOOP_ASSIGN_OR_RETURN(Condition child, ParseAt(*inner, path + "/not", depth + 1));
    node.children.push_back(std::move(child));
    return node;
  }
  return ParseLeaf(*object, path);
}

std::optional<double> NumberOf(const std::string& field, const Facts& facts) {
  if (field == "rating") return facts.rating;
  if (field == "sentiment.score") return facts.sentiment_score;
  if (field == "nps") return facts.nps;
  if (field == "csat") return facts.csat;
  if (field == "ces") return facts.ces;
  return std::nullopt;
}

std::optional<std::string> TextOf(const std::string& field, const Facts& facts) {
  auto present = [](const std::string& text) { return text.empty() ? std::nullopt : std::optional<std::string>(text); };
  if (field == "channel") return present(facts.channel);
  if (field == "text") return present(facts.text_folded);
  if (field == "language") return present(facts.language);
  if (field == "sentiment.label") return present(facts.sentiment_label);
  if (field == "survey") return present(facts.survey);
  if (field.starts_with("customer.") && facts.customer) {
    auto found = facts.customer->find(field.substr(9));
    if (found != facts.customer->end()) return found->second;
  }
  return std::nullopt;
}

bool TopicMatches(const std::string& topic, const std::string& wanted, bool or_under) {
  if (topic == wanted) return true;
  return or_under && topic.size() > wanted.size() && topic.starts_with(wanted) && topic[wanted.size()] == '/';
}

bool EvaluateLeaf(const Condition& leaf, const Facts& facts) {
  const FieldType type = *TypeOf(leaf.field);
  if (type == FieldType::kTopics) {
    const bool any_topic = !facts.topics.empty();
    if (leaf.op == ConditionOp::kExists) return any_topic == leaf.flag;
    auto has = [&](bool or_under) {
      return std::any_of(facts.topics.begin(), facts.topics.end(), [&](const std::string& topic) {
        return std::any_of(leaf.texts.begin(), leaf.texts.end(),
                           [&](const std::string& wanted) { return TopicMatches(topic, wanted, or_under); });
      });
    };
    switch (leaf.op) {
      case ConditionOp::kEq:
      case ConditionOp::kIn: return has(false);
      case ConditionOp::kContains: return has(true);
      case ConditionOp::kNe: return !has(false);
      default: return false;
    }
  }
  if (type == FieldType::kNumber) {
    const std::optional<double> number = NumberOf(leaf.field, facts);
    if (leaf.op == ConditionOp::kExists) return number.has_value() == leaf.flag;
    if (!number) return leaf.op == ConditionOp::kNe;
    const double wanted = leaf.numbers.empty() ? 0.0 : leaf.numbers.front();
    switch (leaf.op) {
      case ConditionOp::kEq: return *number == wanted;
      case ConditionOp::kNe: return *number != wanted;
      case ConditionOp::kIn: return std::find(leaf.numbers.begin(), leaf.numbers.end(), *number) != leaf.numbers.end();
      case ConditionOp::kLt: return *number < wanted;
      case ConditionOp::kLte: return *number <= wanted;
      case ConditionOp::kGt: return *number > wanted;
      case ConditionOp::kGte: return *number >= wanted;
      default: return false;
    }
  }
  const std::optional<std::string> text = TextOf(leaf.field, facts);
  if (leaf.op == ConditionOp::kExists) return text.has_value() == leaf.flag;
  if (!text) return leaf.op == ConditionOp::kNe;
  const std::string& wanted = leaf.texts.front();
  switch (leaf.op) {
    case ConditionOp::kEq: return *text == wanted;
    case ConditionOp::kNe: return *text != wanted;
    case ConditionOp::kIn: return std::find(leaf.texts.begin(), leaf.texts.end(), *text) != leaf.texts.end();
    case ConditionOp::kContains:
      if (leaf.field == "text") return text->find(wanted) != std::string::npos;
      return analysis::FoldForSearch(*text).find(analysis::FoldForSearch(wanted)) != std::string::npos;
    default: return false;
  }
}

}  // namespace

core::Result<Condition> ParseCondition(const json::value& value, const std::string& path) {
  return ParseAt(value, path, 0);
}

bool Evaluate(const Condition& condition, const Facts& facts) {
  switch (condition.kind) {
    case Condition::Kind::kAll:
      return std::all_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return Evaluate(child, facts); });
    case Condition::Kind::kAny:
      return std::any_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return Evaluate(child, facts); });
    case Condition::Kind::kNot: return !Evaluate(condition.children.front(), facts);
    case Condition::Kind::kLeaf: return EvaluateLeaf(condition, facts);
  }
  return false;
}

bool ReadsCustomer(const Condition& condition) {
  if (condition.kind == Condition::Kind::kLeaf) return condition.field.starts_with("customer.");
  return std::any_of(condition.children.begin(), condition.children.end(), ReadsCustomer);
}

}  // namespace voxloop::workflow
