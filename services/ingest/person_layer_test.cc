#include "services/ingest/person_layer.h"

#include "gtest/gtest.h"
#include "services/common/errors.h"

namespace civicwatch::ingest {
namespace {

v1::Event Machine() {
  v1::Event e;
  e.set_name("events/1");
  e.mutable_date()->set_year(2021);
  e.mutable_date()->set_month(5);
  e.mutable_date()->set_day(3);
  e.set_category(v1::CATEGORY_DETENTION);
  e.set_valence(v1::VALENCE_NEGATIVE);
  e.set_summary("machine summary");
  e.set_review_state(v1::REVIEW_STATE_SUGGESTED);
  return e;
}

TEST(PersonLayerTest, TheMaskNamesTheFieldAtFault) {
  EXPECT_TRUE(ValidateUpdateMask({"date", "summary"}).ok());
  auto empty = ValidateUpdateMask({});
  EXPECT_EQ(FieldViolationsOf(empty).at(0).first, "update_mask");
  auto unknown = ValidateUpdateMask({"date", "name"});
  EXPECT_EQ(FieldViolationsOf(unknown).at(0).first, "update_mask.paths[1]");
}

TEST(PersonLayerTest, CopiedFieldsAreRecordedFromOldToNew) {
  v1::Event to = Machine();
  v1::Event from;
  from.set_category(v1::CATEGORY_FINE);
  from.mutable_date()->set_year(2021);
  const auto changes = CopyFields(from, {"category", "date"}, to);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].old_value(), "CATEGORY_DETENTION");
  EXPECT_EQ(changes[0].new_value(), "CATEGORY_FINE");
  EXPECT_EQ(changes[1].old_value(), "2021-05-03");
  EXPECT_EQ(changes[1].new_value(), "2021");
  EXPECT_EQ(to.category(), v1::CATEGORY_FINE);
  EXPECT_EQ(to.summary(), "machine summary");
}

TEST(PersonLayerTest, TheLayerGoesBackOnTopOfANewMachineEvent) {
  PersonLayer layer;
  v1::Event edit;
  edit.set_category(v1::CATEGORY_IMPRISONMENT);
  RecordFields(edit, {"category"}, layer);
  layer.state = v1::REVIEW_STATE_CORRECTED;
  layer.review.set_reviewer("analyst");
  v1::Event rebuilt = Machine();
  rebuilt.set_summary("the normaliser's new summary");
  const v1::Event out = ApplyPersonLayer(rebuilt, layer);
  EXPECT_EQ(out.category(), v1::CATEGORY_IMPRISONMENT);
  EXPECT_EQ(out.summary(), "the normaliser's new summary");  // not the person's field
  EXPECT_EQ(out.review_state(), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(out.review().reviewer(), "analyst");
}

TEST(PersonLayerTest, ParticipantsAndConfidentialityGoBackOnTop) {
  PersonLayer layer;
  v1::Event edit;
  v1::Participant* p = edit.add_participants();
  p->set_display_name("Bishkek city police");
  p->set_kind(v1::ENTITY_KIND_STATE_BODY);
  p->set_role(v1::ROLE_PERPETRATOR);
  edit.set_confidentiality(v1::CONFIDENTIALITY_RESTRICTED);
  ASSERT_TRUE(ValidateUpdateMask({"participants", "confidentiality"}).ok());
  ASSERT_TRUE(ValidateUpdatedFields(edit, {"participants", "confidentiality"}, edit).ok());
  RecordFields(edit, {"participants", "confidentiality"}, layer);
  v1::Event rebuilt = Machine();
  rebuilt.set_confidentiality(v1::CONFIDENTIALITY_PUBLIC);
  rebuilt.add_participants()->set_display_name("police");
  const v1::Event out = ApplyPersonLayer(rebuilt, layer);
  ASSERT_EQ(out.participants_size(), 1);
  EXPECT_EQ(out.participants(0).display_name(), "Bishkek city police");
  EXPECT_EQ(out.confidentiality(), v1::CONFIDENTIALITY_RESTRICTED);
  EXPECT_TRUE(SetsConfidentiality(layer));

  // A curated layer takes the report's level unless the person set one.
  PersonLayer curated;
  curated.paths = {"*"};
  curated.values = edit;
  EXPECT_EQ(ApplyPersonLayer(rebuilt, curated).confidentiality(), v1::CONFIDENTIALITY_PUBLIC);
  curated.paths.push_back("confidentiality");
  EXPECT_EQ(ApplyPersonLayer(rebuilt, curated).confidentiality(),
            v1::CONFIDENTIALITY_RESTRICTED);
}

TEST(PersonLayerTest, BadParticipantsAndConfidentialityNameTheField) {
  v1::Event edit;
  edit.add_participants()->set_display_name("Somebody");  // no kind
  auto s = ValidateUpdatedFields(edit, {"participants"}, edit);
  EXPECT_EQ(FieldViolationsOf(s).at(0).first, "event.participants[0].kind");
  edit.clear_participants();
  s = ValidateUpdatedFields(edit, {"confidentiality"}, edit);
  EXPECT_EQ(FieldViolationsOf(s).at(0).first, "event.confidentiality");
  for (int i = 0; i < 101; ++i) {
    v1::Participant* p = edit.add_participants();
    p->set_display_name("Somebody");
    p->set_kind(v1::ENTITY_KIND_PERSON);
  }
  s = ValidateUpdatedFields(edit, {"participants"}, edit);
  EXPECT_EQ(FieldViolationsOf(s).at(0).first, "event.participants");
}

TEST(PersonLayerTest, AnEndBeforeTheDateIsRefusedNamingWhatChanged) {
  v1::Event result = Machine();
  result.mutable_end_date()->set_year(2020);
  v1::Event edit;
  edit.mutable_end_date()->set_year(2020);
  auto s = ValidateUpdatedFields(edit, {"end_date"}, result);
  EXPECT_EQ(FieldViolationsOf(s).at(0).first, "event.end_date");
  edit.mutable_date()->set_year(2019);
  result = Machine();
  result.mutable_date()->set_year(2022);
  result.mutable_end_date()->set_year(2021);
  s = ValidateUpdatedFields(edit, {"date"}, result);
  EXPECT_EQ(FieldViolationsOf(s).at(0).first, "event.date");
}

TEST(PersonLayerTest, StatesFollowTheAction) {
  EXPECT_EQ(StateAfterEdit(v1::REVIEW_STATE_SUGGESTED), v1::REVIEW_STATE_CORRECTED);
  EXPECT_EQ(StateAfterEdit(v1::REVIEW_STATE_CURATED), v1::REVIEW_STATE_CURATED);
  EXPECT_EQ(StateAfterEdit(v1::REVIEW_STATE_REJECTED), v1::REVIEW_STATE_REJECTED);
  EXPECT_EQ(StateAfterConfirm(v1::REVIEW_STATE_SUGGESTED), v1::REVIEW_STATE_CONFIRMED);
  EXPECT_EQ(StateAfterConfirm(v1::REVIEW_STATE_REJECTED), v1::REVIEW_STATE_CONFIRMED);
  EXPECT_EQ(StateAfterConfirm(v1::REVIEW_STATE_CORRECTED), v1::REVIEW_STATE_CORRECTED);
}

}  // namespace
}  // namespace civicwatch::ingest
