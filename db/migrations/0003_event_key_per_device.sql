ALTER TABLE "audio_chunk" DROP CONSTRAINT "audio_chunk_time_id_pk";
--> statement-breakpoint
ALTER TABLE "camera_photo" DROP CONSTRAINT "camera_photo_time_id_pk";
--> statement-breakpoint
ALTER TABLE "screen_keyframe" DROP CONSTRAINT "screen_keyframe_time_id_pk";
--> statement-breakpoint
ALTER TABLE "screenshot" DROP CONSTRAINT "screenshot_time_id_pk";
--> statement-breakpoint
ALTER TABLE "accelerometer" DROP CONSTRAINT "accelerometer_time_id_pk";
--> statement-breakpoint
ALTER TABLE "air_quality" DROP CONSTRAINT "air_quality_time_id_pk";
--> statement-breakpoint
ALTER TABLE "ambient_light" DROP CONSTRAINT "ambient_light_time_id_pk";
--> statement-breakpoint
ALTER TABLE "barometer" DROP CONSTRAINT "barometer_time_id_pk";
--> statement-breakpoint
ALTER TABLE "device_temperature" DROP CONSTRAINT "device_temperature_time_id_pk";
--> statement-breakpoint
ALTER TABLE "gps_fix" DROP CONSTRAINT "gps_fix_time_id_pk";
--> statement-breakpoint
ALTER TABLE "humidity" DROP CONSTRAINT "humidity_time_id_pk";
--> statement-breakpoint
ALTER TABLE "bluetooth_scan" DROP CONSTRAINT "bluetooth_scan_time_id_pk";
--> statement-breakpoint
ALTER TABLE "heart_rate" DROP CONSTRAINT "heart_rate_time_id_pk";
--> statement-breakpoint
ALTER TABLE "power" DROP CONSTRAINT "power_time_id_pk";
--> statement-breakpoint
ALTER TABLE "steps" DROP CONSTRAINT "steps_time_id_pk";
--> statement-breakpoint
ALTER TABLE "wifi_state" DROP CONSTRAINT "wifi_state_time_id_pk";
--> statement-breakpoint
ALTER TABLE "app_focus" DROP CONSTRAINT "app_focus_time_id_pk";
--> statement-breakpoint
ALTER TABLE "app_lifecycle" DROP CONSTRAINT "app_lifecycle_time_id_pk";
--> statement-breakpoint
ALTER TABLE "input_activity" DROP CONSTRAINT "input_activity_time_id_pk";
--> statement-breakpoint
ALTER TABLE "notification" DROP CONSTRAINT "notification_time_id_pk";
--> statement-breakpoint
ALTER TABLE "calendar_event" DROP CONSTRAINT "calendar_event_time_id_pk";
--> statement-breakpoint
ALTER TABLE "clipboard" DROP CONSTRAINT "clipboard_time_id_pk";
--> statement-breakpoint
ALTER TABLE "email_event" DROP CONSTRAINT "email_event_time_id_pk";
--> statement-breakpoint
ALTER TABLE "liked_tweet" DROP CONSTRAINT "liked_tweet_time_id_pk";
--> statement-breakpoint
ALTER TABLE "url_task" DROP CONSTRAINT "url_task_time_id_pk";
--> statement-breakpoint
ALTER TABLE "web_visit" DROP CONSTRAINT "web_visit_time_id_pk";
--> statement-breakpoint
ALTER TABLE "image_analysis" DROP CONSTRAINT "image_analysis_time_id_pk";
--> statement-breakpoint
ALTER TABLE "inferred_context" DROP CONSTRAINT "inferred_context_time_id_pk";
--> statement-breakpoint
ALTER TABLE "object_detections" DROP CONSTRAINT "object_detections_time_id_pk";
--> statement-breakpoint
ALTER TABLE "pdf_extract" DROP CONSTRAINT "pdf_extract_time_id_pk";
--> statement-breakpoint
ALTER TABLE "reconstruction3d" DROP CONSTRAINT "reconstruction3d_time_id_pk";
--> statement-breakpoint
ALTER TABLE "speech_segment" DROP CONSTRAINT "speech_segment_time_id_pk";
--> statement-breakpoint
ALTER TABLE "transcript_segment" DROP CONSTRAINT "transcript_segment_time_id_pk";
--> statement-breakpoint
ALTER TABLE "tweet_archive" DROP CONSTRAINT "tweet_archive_time_id_pk";
--> statement-breakpoint
ALTER TABLE "audio_chunk" ADD CONSTRAINT "audio_chunk_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "camera_photo" ADD CONSTRAINT "camera_photo_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "screen_keyframe" ADD CONSTRAINT "screen_keyframe_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "screenshot" ADD CONSTRAINT "screenshot_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "accelerometer" ADD CONSTRAINT "accelerometer_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "air_quality" ADD CONSTRAINT "air_quality_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "ambient_light" ADD CONSTRAINT "ambient_light_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "barometer" ADD CONSTRAINT "barometer_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "device_temperature" ADD CONSTRAINT "device_temperature_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "gps_fix" ADD CONSTRAINT "gps_fix_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "humidity" ADD CONSTRAINT "humidity_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "bluetooth_scan" ADD CONSTRAINT "bluetooth_scan_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "heart_rate" ADD CONSTRAINT "heart_rate_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "power" ADD CONSTRAINT "power_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "steps" ADD CONSTRAINT "steps_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "wifi_state" ADD CONSTRAINT "wifi_state_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "app_focus" ADD CONSTRAINT "app_focus_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "app_lifecycle" ADD CONSTRAINT "app_lifecycle_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "input_activity" ADD CONSTRAINT "input_activity_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "calendar_event" ADD CONSTRAINT "calendar_event_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "clipboard" ADD CONSTRAINT "clipboard_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "email_event" ADD CONSTRAINT "email_event_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "liked_tweet" ADD CONSTRAINT "liked_tweet_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "url_task" ADD CONSTRAINT "url_task_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "web_visit" ADD CONSTRAINT "web_visit_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD CONSTRAINT "image_analysis_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "inferred_context" ADD CONSTRAINT "inferred_context_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "object_detections" ADD CONSTRAINT "object_detections_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD CONSTRAINT "pdf_extract_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "reconstruction3d" ADD CONSTRAINT "reconstruction3d_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "speech_segment" ADD CONSTRAINT "speech_segment_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "transcript_segment" ADD CONSTRAINT "transcript_segment_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD CONSTRAINT "tweet_archive_time_id_device_id_pk" PRIMARY KEY("time","id","device_id");
