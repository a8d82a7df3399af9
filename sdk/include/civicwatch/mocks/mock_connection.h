// MockConnection: a gMock test double for code that uses civicwatch::Client.
//
//   #include <civicwatch/mocks/mock_connection.h>
//
//   auto mock = std::make_shared<civicwatch::MockConnection>();
//   civicwatch::v1::ListEventsResponse page;
//   page.add_events()->set_summary("Journalist detained");
//   EXPECT_CALL(*mock, ListEvents).WillOnce(testing::Return(page));
//   civicwatch::Client client(mock);
//   // ... code under test calls client.ListEvents(...) ...
//
// The Client's own logic (walking pages, building requests) runs on top of
// the mock, so tests see exactly what they would see against a server.
// Needs GoogleTest's gmock (link GTest::gmock).
#ifndef CIVICWATCH_SDK_MOCKS_MOCK_CONNECTION_H_
#define CIVICWATCH_SDK_MOCKS_MOCK_CONNECTION_H_

#include "civicwatch/connection.h"
#include "gmock/gmock.h"

namespace civicwatch {

class MockConnection : public Connection {
 public:
  MOCK_METHOD(absl::StatusOr<v1::CreateReportResponse>, CreateReport,
              (const v1::CreateReportRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::NormalizeReportResponse>, NormalizeReport,
              (const v1::NormalizeReportRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Report>, GetReport,
              (const v1::GetReportRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::ListReportsResponse>, ListReports,
              (const v1::ListReportsRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::ImportIncidentsResponse>, ImportIncidents,
              (const std::vector<v1::IncidentRecord>&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Event>, UpdateEvent,
              (const v1::UpdateEventRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Event>, ConfirmEvent,
              (const v1::ConfirmEventRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Event>, RejectEvent,
              (const v1::RejectEventRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Event>, CreateEvent,
              (const v1::CreateEventRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::ListEventRevisionsResponse>,
              ListEventRevisions, (const v1::ListEventRevisionsRequest&),
              (override));
  MOCK_METHOD(absl::StatusOr<v1::ListMergeCandidatesResponse>,
              ListMergeCandidates, (const v1::ListMergeCandidatesRequest&),
              (override));
  MOCK_METHOD(absl::StatusOr<v1::Event>, MergeEvents,
              (const v1::MergeEventsRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::SplitEventResponse>, SplitEvent,
              (const v1::SplitEventRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::ListEventsResponse>, ListEvents,
              (const v1::ListEventsRequest&), (override));
  MOCK_METHOD(StreamRange<v1::ExportEventsResponse>, ExportEvents,
              (const v1::ExportEventsRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Event>, GetEvent,
              (const v1::GetEventRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::ComputeStatisticsResponse>,
              ComputeStatistics, (const v1::ComputeStatisticsRequest&),
              (override));
  MOCK_METHOD(absl::StatusOr<v1::Entity>, GetEntity,
              (const v1::GetEntityRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::ListEntitiesResponse>, ListEntities,
              (const v1::ListEntitiesRequest&), (override));
  MOCK_METHOD(StreamRange<v1::SnapshotChunk>, BackupDatabase,
              (const v1::BackupDatabaseRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Renormalization>, CreateRenormalization,
              (const v1::CreateRenormalizationRequest&), (override));
  MOCK_METHOD(absl::StatusOr<v1::Renormalization>, GetRenormalization,
              (const v1::GetRenormalizationRequest&), (override));
};

}  // namespace civicwatch

#endif  // CIVICWATCH_SDK_MOCKS_MOCK_CONNECTION_H_
