#include "http/routes.hpp"

#include "http/handlers/handlers.hpp"

namespace voxloop::http {

std::vector<Route> BuildRoutes() {
  using auth::Permission;
  namespace h = handlers;
  constexpr Access kPublic = Access::kPublic;
  constexpr Access kSignedIn = Access::kAuthenticated;
  constexpr Access kMember = Access::kWorkspace;
  constexpr Access kRespondent = Access::kRespondent;
  const std::string ws = "/api/v1/workspaces/{ws}";
  return {
      // Health
      {Method::get, "/healthz", kPublic, {}, h::Healthz},
      {Method::get, "/readyz", kPublic, {}, h::Readyz},

      // The dashboard
      {Method::get, "/", kPublic, {}, h::DashboardPage},
      {Method::get, "/app/{*rest}", kPublic, {}, h::DashboardPage},
      {Method::get, "/assets/collect/{name}", kPublic, {}, h::SurveyPageAsset},  // before /assets/
      {Method::get, "/assets/{*rest}", kPublic, {}, h::DashboardAsset},

      // Sign-in and the caller
      {Method::post, "/api/v1/auth/login", kPublic, {}, h::Login},
      {Method::post, "/api/v1/auth/logout", kSignedIn, {}, h::Logout},
      {Method::get, "/api/v1/auth/me", kSignedIn, {}, h::GetMe},
      {Method::patch, "/api/v1/auth/me", kSignedIn, {}, h::UpdateMe},

      // Workspaces
      {Method::get, "/api/v1/workspaces", kSignedIn, {}, h::ListWorkspaces},
      {Method::post, "/api/v1/workspaces", kSignedIn, {}, h::CreateWorkspace},
      {Method::get, ws, kMember, Permission::kWorkspaceRead, h::GetWorkspace},
      {Method::patch, ws, kMember, Permission::kWorkspaceManage, h::UpdateWorkspace},
      {Method::delete_, ws, kMember, Permission::kWorkspaceDelete, h::DeleteWorkspace},
      {Method::get, ws + "/audit", kMember, Permission::kAuditRead, h::ListAudit},

      // Members and tokens
      {Method::get, ws + "/members", kMember, Permission::kMembersRead, h::ListMembers},
      {Method::post, ws + "/members", kMember, Permission::kMembersManage, h::AddMember},
      {Method::patch, ws + "/members/{user}", kMember, Permission::kMembersManage, h::UpdateMember},
      {Method::delete_, ws + "/members/{user}", kMember, Permission::kMembersManage, h::RemoveMember},
      {Method::get, ws + "/tokens", kMember, Permission::kTokensManage, h::ListTokens},
      {Method::post, ws + "/tokens", kMember, Permission::kTokensManage, h::CreateToken},
      {Method::delete_, ws + "/tokens/{id}", kMember, Permission::kTokensManage, h::RevokeToken},

      // Feedback
      {Method::post, ws + "/feedback", kMember, Permission::kFeedbackWrite, h::CreateFeedback},
      {Method::get, ws + "/feedback", kMember, Permission::kFeedbackRead, h::ListFeedback},
      {Method::get, ws + "/feedback/{id}", kMember, Permission::kFeedbackRead, h::GetFeedback},
      {Method::patch, ws + "/feedback/{id}", kMember, Permission::kFeedbackCorrect, h::CorrectFeedback},
      {Method::delete_, ws + "/feedback/{id}", kMember, Permission::kFeedbackErase, h::EraseFeedback},
      {Method::get, ws + "/events", kMember, Permission::kFeedbackRead, h::StreamEvents},

      // Analysis: taxonomy, trained models, re-analysis
      {Method::get, ws + "/taxonomy", kMember, Permission::kFeedbackRead, h::GetTaxonomy},
      {Method::put, ws + "/taxonomy", kMember, Permission::kTaxonomyManage, h::PutTaxonomy},
      {Method::get, ws + "/models", kMember, Permission::kMetricsRead, h::ListModels},
      {Method::get, ws + "/models/{task}", kMember, Permission::kMetricsRead, h::GetModel},
      {Method::post, ws + "/models/{task}/train", kMember, Permission::kModelsManage, h::TrainModel},
      {Method::post, ws + "/reanalysis", kMember, Permission::kModelsManage, h::StartReanalysis},
      {Method::get, ws + "/jobs/{id}", kMember, Permission::kMetricsRead, h::GetJob},

      // Customers
      {Method::get, ws + "/customers", kMember, Permission::kCustomersRead, h::ListCustomers},
      {Method::post, ws + "/customers", kMember, Permission::kCustomersWrite, h::CreateCustomer},
      {Method::get, ws + "/customers/{id}", kMember, Permission::kCustomersRead, h::GetCustomer},
      {Method::patch, ws + "/customers/{id}", kMember, Permission::kCustomersWrite, h::UpdateCustomer},
      {Method::delete_, ws + "/customers/{id}", kMember, Permission::kFeedbackErase, h::EraseCustomer},
      {Method::get, ws + "/customers/{id}/export", kMember, Permission::kPiiRead, h::ExportCustomer},

      // Metrics: the query API
      {Method::post, ws + "/query", kMember, Permission::kMetricsRead, h::Query},
      {Method::post, ws + "/query/feedback", kMember, Permission::kFeedbackRead, h::QueryFeedback},
      {Method::get, ws + "/query/dimensions", kMember, Permission::kMetricsRead, h::QueryDimensions},
      {Method::post, ws + "/query.csv", kMember, Permission::kExport, h::QueryCsv},
      {Method::post, ws + "/query.xlsx", kMember, Permission::kExport, h::QueryXlsx},

      // In-app notifications: each member's own
      {Method::get, ws + "/notifications", kMember, Permission::kWorkspaceRead, h::ListNotifications},
      {Method::post, ws + "/notifications/read-all", kMember, Permission::kWorkspaceRead, h::MarkAllNotificationsRead},
      {Method::post, ws + "/notifications/{id}/read", kMember, Permission::kWorkspaceRead, h::MarkNotificationRead},
      // Saved dashboard views
      {Method::get, ws + "/views", kMember, Permission::kMetricsRead, h::ListSavedViews},
      {Method::post, ws + "/views", kMember, Permission::kMetricsRead, h::CreateSavedView},
      {Method::patch, ws + "/views/{id}", kMember, Permission::kMetricsRead, h::UpdateSavedView},
      {Method::delete_, ws + "/views/{id}", kMember, Permission::kMetricsRead, h::DeleteSavedView},

      // Webhooks
      {Method::get, ws + "/webhooks", kMember, Permission::kWebhooksManage, h::ListWebhooks},
      {Method::post, ws + "/webhooks", kMember, Permission::kWebhooksManage, h::CreateWebhook},
      {Method::get, ws + "/webhooks/{id}", kMember, Permission::kWebhooksManage, h::GetWebhook},
      {Method::patch, ws + "/webhooks/{id}", kMember, Permission::kWebhooksManage, h::UpdateWebhook},
      {Method::delete_, ws + "/webhooks/{id}", kMember, Permission::kWebhooksManage, h::DeleteWebhook},
      {Method::get, ws + "/webhooks/{id}/deliveries", kMember, Permission::kWebhooksManage, h::ListWebhookDeliveries},
      {Method::post, ws + "/webhooks/{id}/test", kMember, Permission::kWebhooksManage, h::TestWebhook},
      {Method::post, ws + "/webhooks/{id}/deliveries/{delivery}/redeliver", kMember, Permission::kWebhooksManage,
       h::RedeliverWebhook},

      // Rules
      {Method::get, ws + "/rules", kMember, Permission::kRulesRead, h::ListRules},
      {Method::post, ws + "/rules", kMember, Permission::kRulesManage, h::CreateRule},
      {Method::get, ws + "/rules/{id}", kMember, Permission::kRulesRead, h::GetRule},
      {Method::patch, ws + "/rules/{id}", kMember, Permission::kRulesManage, h::UpdateRule},
      {Method::delete_, ws + "/rules/{id}", kMember, Permission::kRulesManage, h::DeleteRule},

      // Cases
      {Method::get, ws + "/cases", kMember, Permission::kCasesRead, h::ListCases},
      {Method::post, ws + "/cases", kMember, Permission::kCasesWork, h::CreateCase},
      {Method::post, ws + "/cases/bulk", kMember, Permission::kCasesWork, h::BulkUpdateCases},
      {Method::get, ws + "/cases/stats", kMember, Permission::kCasesRead, h::CaseStats},
      {Method::get, ws + "/cases/{id}", kMember, Permission::kCasesRead, h::GetCase},
      {Method::patch, ws + "/cases/{id}", kMember, Permission::kCasesWork, h::UpdateCase},
      {Method::post, ws + "/cases/{id}/notes", kMember, Permission::kCasesWork, h::AddCaseNote},
      {Method::post, ws + "/cases/{id}/replies", kMember, Permission::kCasesWork, h::ReplyToCase},
      {Method::get, ws + "/cases/{id}/messages", kMember, Permission::kCasesRead, h::ListCaseMessages},

      // Surveys
      {Method::get, ws + "/survey-templates", kMember, Permission::kSurveysRead, h::ListSurveyTemplates},
      {Method::post, ws + "/surveys", kMember, Permission::kSurveysManage, h::CreateSurvey},
      {Method::get, ws + "/surveys", kMember, Permission::kSurveysRead, h::ListSurveys},
      {Method::get, ws + "/surveys/{id}", kMember, Permission::kSurveysRead, h::GetSurvey},
      {Method::put, ws + "/surveys/{id}", kMember, Permission::kSurveysManage, h::UpdateSurvey},
      {Method::post, ws + "/surveys/{id}/publish", kMember, Permission::kSurveysManage, h::PublishSurvey},
      {Method::post, ws + "/surveys/{id}/resume", kMember, Permission::kSurveysManage, h::PublishSurvey},
      {Method::post, ws + "/surveys/{id}/pause", kMember, Permission::kSurveysManage, h::PauseSurvey},
      {Method::post, ws + "/surveys/{id}/close", kMember, Permission::kSurveysManage, h::CloseSurvey},
      {Method::post, ws + "/surveys/{id}/duplicate", kMember, Permission::kSurveysManage, h::DuplicateSurvey},
      {Method::get, ws + "/surveys/{id}/responses", kMember, Permission::kSurveysRead, h::ListSurveyResponses},
      {Method::get, ws + "/surveys/{id}/responses.csv", kMember, Permission::kExport, h::ExportSurveyResponsesCsv},
      {Method::get, ws + "/surveys/{id}/responses.xlsx", kMember, Permission::kExport, h::ExportSurveyResponsesXlsx},
      {Method::post, ws + "/surveys/{id}/sends", kMember, Permission::kSurveysManage, h::CreateSurveySend},
      {Method::get, ws + "/surveys/{id}/sends", kMember, Permission::kSurveysRead, h::ListSurveySends},
      {Method::get, ws + "/surveys/{id}/sends/{send}", kMember, Permission::kSurveysRead, h::GetSurveySend},
      {Method::get, ws + "/surveys/{id}/sends/{send}/invitations", kMember, Permission::kSurveysRead, h::ListSendInvitations},
      {Method::post, ws + "/surveys/{id}/sends/{send}/remind", kMember, Permission::kSurveysManage, h::RemindSurveySend},

      // The public survey API (respondents: no credentials)
      {Method::post, "/api/v1/inbound/email", kRespondent, {}, h::ReceiveInboundEmail},
      {Method::get, "/f/{token}", kRespondent, {}, h::FollowupPage},
      {Method::post, "/f/{token}", kRespondent, {}, h::SubmitFollowupForm},
      {Method::post, "/api/v1/public/followups/{token}", kRespondent, {}, h::AnswerFollowup},
      {Method::get, "/api/v1/public/surveys/{id}", kRespondent, {}, h::GetPublicSurvey},
      {Method::options, "/api/v1/public/surveys/{id}", kRespondent, {}, h::PublicSurveyPreflight},
      {Method::post, "/api/v1/public/surveys/{id}/responses", kRespondent, {}, h::SubmitPublicResponse},
      {Method::options, "/api/v1/public/surveys/{id}/responses", kRespondent, {}, h::PublicSurveyPreflight},
      {Method::post, "/api/v1/public/surveys/{id}/partial", kRespondent, {}, h::SavePublicPartialResponse},
      {Method::options, "/api/v1/public/surveys/{id}/partial", kRespondent, {}, h::PublicSurveyPreflight},

      // The hosted survey page, its QR codes and the widget script (respondents)
      {Method::get, "/s/{survey}", kRespondent, {}, h::SurveyPage},
      {Method::post, "/s/{survey}", kRespondent, {}, h::SubmitSurveyPage},
      {Method::get, "/s/{survey}/qr.svg", kRespondent, {}, h::SurveyQrSvg},
      {Method::get, "/s/{survey}/qr.png", kRespondent, {}, h::SurveyQrPng},
      {Method::get, "/widget.js", kPublic, {}, h::WidgetScript},

      // The links in invitation e-mails (respondents): unsubscribe (RFC 8058 one-click POST
      // too) and the open-tracking image /o/{token}.gif
      {Method::get, "/u/{token}", kRespondent, {}, h::UnsubscribePage},
      {Method::post, "/u/{token}", kRespondent, {}, h::Unsubscribe},
      {Method::get, "/o/{token}", kRespondent, {}, h::InvitationOpenPixel},
  };
}

}  // namespace voxloop::http
