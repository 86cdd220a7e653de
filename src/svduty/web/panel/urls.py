from django.urls import path

from svduty.web.panel import views

app_name = "panel"
urlpatterns = [
    path("", views.PanelHome.as_view(), name="home"),
    path("referrals/", views.ReferralList.as_view(), name="referral_list"),
    path("referrals/add/", views.ReferralCreate.as_view(), name="referral_add"),
    path("referrals/<int:pk>/", views.ReferralDetail.as_view(), name="referral_detail"),
    path("referrals/<int:pk>/change/", views.ReferralUpdate.as_view(), name="referral_change"),
    path(
        "referrals/<int:pk>/identity/",
        views.ReferralIdentityUpdate.as_view(),
        name="referral_identity",
    ),
    path("referrals/<int:pk>/reveal/", views.ReferralReveal.as_view(), name="referral_reveal"),
    path("referrals/<int:pk>/close/", views.ReferralClose.as_view(), name="referral_close"),
    path("referrals/<int:parent>/actions/add/", views.ActionAdd.as_view(), name="action_add"),
    path("actions/<int:pk>/change/", views.ActionChange.as_view(), name="action_change"),
    path("actions/export/", views.ActionsExport.as_view(), name="actions_export"),
    path("meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path("meetings/add/", views.MeetingCreate.as_view(), name="meeting_add"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/minutes.csv", views.MinutesExport.as_view(), name="minutes_export"),
    path(
        "meetings/<int:parent>/attendance/add/",
        views.AttendanceAdd.as_view(),
        name="attendance_add",
    ),
    path(
        "meetings/<int:parent>/cases/<int:referral>/minutes/",
        views.ReviewAdd.as_view(),
        name="review_add",
    ),
    path("networks/", views.NetworkList.as_view(), name="network_list"),
    path("networks/add/", views.NetworkCreate.as_view(), name="network_add"),
    path("networks/<int:pk>/", views.NetworkDetail.as_view(), name="network_detail"),
    path("networks/<int:parent>/members/add/", views.NodeAdd.as_view(), name="node_add"),
    path(
        "networks/<int:parent>/connections/add/",
        views.ConnectionAdd.as_view(),
        name="connection_add",
    ),
    path("places/", views.PlaceList.as_view(), name="place_list"),
    path("places/add/", views.PlaceCreate.as_view(), name="place_add"),
    path("places/<int:pk>/", views.PlaceDetail.as_view(), name="place_detail"),
    path("places/<int:pk>/change/", views.PlaceUpdate.as_view(), name="place_change"),
    path(
        "places/<int:parent>/actions/add/", views.PlaceActionAdd.as_view(), name="place_action_add"
    ),
    path("access-log/", views.AccessLog.as_view(), name="access_log"),
    path("retention/", views.Retention.as_view(), name="retention"),
    path("retention/<int:pk>/delete/", views.RetentionDelete.as_view(), name="retention_delete"),
]
