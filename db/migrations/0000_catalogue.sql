CREATE TABLE "audio_chunk" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"file_id" text NOT NULL,
	"seq" integer NOT NULL,
	"encoding" text NOT NULL,
	"sample_rate_hz" integer NOT NULL,
	"channels" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"audio" jsonb NOT NULL,
	"is_last" boolean,
	CONSTRAINT "audio_chunk_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "camera_photo" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"camera" text NOT NULL,
	"width_px" integer NOT NULL,
	"height_px" integer NOT NULL,
	"image" jsonb NOT NULL,
	CONSTRAINT "camera_photo_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "screen_keyframe" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"session_id" text NOT NULL,
	"frame_index" integer NOT NULL,
	"width_px" integer NOT NULL,
	"height_px" integer NOT NULL,
	"image" jsonb NOT NULL,
	CONSTRAINT "screen_keyframe_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "screenshot" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"width_px" integer NOT NULL,
	"height_px" integer NOT NULL,
	"app_name" text,
	"image" jsonb NOT NULL,
	CONSTRAINT "screenshot_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "accelerometer" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"x_ms2" double precision NOT NULL,
	"y_ms2" double precision NOT NULL,
	"z_ms2" double precision NOT NULL,
	CONSTRAINT "accelerometer_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "air_quality" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"aqi" integer,
	"pm25_ug_m3" double precision,
	"pm10_ug_m3" double precision,
	"co2_ppm" double precision,
	"voc_index" double precision,
	CONSTRAINT "air_quality_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "ambient_light" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"lux" double precision NOT NULL,
	CONSTRAINT "ambient_light_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "barometer" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"pressure_hpa" double precision NOT NULL,
	CONSTRAINT "barometer_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "device_temperature" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"celsius" double precision NOT NULL,
	"sensor" text,
	CONSTRAINT "device_temperature_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "gps_fix" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"altitude_m" double precision,
	"accuracy_m" double precision,
	"speed_ms" double precision,
	"bearing_deg" double precision,
	CONSTRAINT "gps_fix_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "humidity" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"relative_pct" double precision NOT NULL,
	CONSTRAINT "humidity_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "bluetooth_scan" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"address" text NOT NULL,
	"name" text,
	"rssi_dbm" integer,
	"paired" boolean,
	CONSTRAINT "bluetooth_scan_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "heart_rate" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"bpm" double precision NOT NULL,
	"confidence_pct" double precision,
	CONSTRAINT "heart_rate_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "power" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"level_pct" double precision NOT NULL,
	"charging" boolean NOT NULL,
	"source" text,
	CONSTRAINT "power_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "steps" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"interval_s" integer NOT NULL,
	CONSTRAINT "steps_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "wifi_state" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"connected" boolean NOT NULL,
	"ssid" text,
	"bssid" text,
	"rssi_dbm" integer,
	"frequency_mhz" integer,
	CONSTRAINT "wifi_state_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "app_focus" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"app_name" text NOT NULL,
	"action" text NOT NULL,
	"window_title" text,
	"process_id" integer,
	CONSTRAINT "app_focus_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "app_lifecycle" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"package_name" text NOT NULL,
	"app_name" text,
	"state" text NOT NULL,
	"activity" text,
	CONSTRAINT "app_lifecycle_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "input_activity" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"interval_s" integer NOT NULL,
	"keystrokes" integer NOT NULL,
	"mouse_clicks" integer NOT NULL,
	"mouse_distance_px" double precision,
	"scroll_ticks" integer,
	CONSTRAINT "input_activity_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "notification" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"package_name" text NOT NULL,
	"app_name" text,
	"action" text NOT NULL,
	"title" text,
	"text" text,
	"category" text,
	CONSTRAINT "notification_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "calendar_event" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"calendar_event_id" text NOT NULL,
	"title" text NOT NULL,
	"end_time" timestamp with time zone NOT NULL,
	"all_day" boolean,
	"location" text,
	"attendees" text[],
	"status" text,
	"calendar_name" text,
	CONSTRAINT "calendar_event_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "clipboard" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"source_app" text,
	CONSTRAINT "clipboard_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "email_event" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"message_id" text NOT NULL,
	"direction" text NOT NULL,
	"from" text NOT NULL,
	"to" text[] NOT NULL,
	"subject" text,
	"snippet" text,
	"thread_id" text,
	CONSTRAINT "email_event_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "liked_tweet" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"tweet_id" text NOT NULL,
	"author_handle" text NOT NULL,
	"author_name" text,
	"text" text NOT NULL,
	"url" text NOT NULL,
	"posted_at" timestamp with time zone,
	CONSTRAINT "liked_tweet_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "url_task" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"url" text NOT NULL,
	"source" text,
	"note" text,
	CONSTRAINT "url_task_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "web_visit" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"duration_ms" integer,
	"referrer" text,
	"browser" text,
	CONSTRAINT "web_visit_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "image_analysis" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_id" text NOT NULL,
	"caption" text,
	"objects" text[],
	"gaze" jsonb,
	"ocr_text" text,
	"model" text NOT NULL,
	CONSTRAINT "image_analysis_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "inferred_context" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_ids" text[] NOT NULL,
	"summary" text NOT NULL,
	"place" text,
	"activity" text,
	"people" text[],
	"confidence" double precision,
	"model" text NOT NULL,
	CONSTRAINT "inferred_context_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "object_detections" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_id" text NOT NULL,
	"session_id" text NOT NULL,
	"frame_index" integer NOT NULL,
	"detections" jsonb NOT NULL,
	"mean_flow_px" double precision,
	"model" text NOT NULL,
	CONSTRAINT "object_detections_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "pdf_extract" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_id" text NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"page_count" integer NOT NULL,
	"text" text NOT NULL,
	"summary" text,
	CONSTRAINT "pdf_extract_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "reconstruction3d" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"front_event_id" text NOT NULL,
	"rear_event_id" text NOT NULL,
	"point_count" integer NOT NULL,
	"point_cloud" jsonb,
	"model" text NOT NULL,
	CONSTRAINT "reconstruction3d_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "speech_segment" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"file_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"probability" double precision NOT NULL,
	"audio" jsonb,
	"model" text NOT NULL,
	CONSTRAINT "speech_segment_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "transcript_segment" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"file_id" text NOT NULL,
	"segment_id" text NOT NULL,
	"text" text NOT NULL,
	"words" jsonb NOT NULL,
	"language" text,
	"model" text NOT NULL,
	CONSTRAINT "transcript_segment_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE TABLE "tweet_archive" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_id" text NOT NULL,
	"url" text NOT NULL,
	"tweet_id" text NOT NULL,
	"author_handle" text NOT NULL,
	"text" text NOT NULL,
	"media" jsonb,
	CONSTRAINT "tweet_archive_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
CREATE INDEX "audio_chunk_device_time_idx" ON "audio_chunk" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "audio_chunk_id_idx" ON "audio_chunk" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "camera_photo_device_time_idx" ON "camera_photo" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "camera_photo_id_idx" ON "camera_photo" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "screen_keyframe_device_time_idx" ON "screen_keyframe" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "screen_keyframe_id_idx" ON "screen_keyframe" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "screenshot_device_time_idx" ON "screenshot" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "screenshot_id_idx" ON "screenshot" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "accelerometer_device_time_idx" ON "accelerometer" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "accelerometer_id_idx" ON "accelerometer" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "air_quality_device_time_idx" ON "air_quality" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "air_quality_id_idx" ON "air_quality" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "ambient_light_device_time_idx" ON "ambient_light" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "ambient_light_id_idx" ON "ambient_light" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "barometer_device_time_idx" ON "barometer" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "barometer_id_idx" ON "barometer" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "device_temperature_device_time_idx" ON "device_temperature" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "device_temperature_id_idx" ON "device_temperature" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "gps_fix_device_time_idx" ON "gps_fix" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "gps_fix_id_idx" ON "gps_fix" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "humidity_device_time_idx" ON "humidity" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "humidity_id_idx" ON "humidity" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "bluetooth_scan_device_time_idx" ON "bluetooth_scan" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "bluetooth_scan_id_idx" ON "bluetooth_scan" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "heart_rate_device_time_idx" ON "heart_rate" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "heart_rate_id_idx" ON "heart_rate" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "power_device_time_idx" ON "power" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "power_id_idx" ON "power" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "steps_device_time_idx" ON "steps" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "steps_id_idx" ON "steps" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "wifi_state_device_time_idx" ON "wifi_state" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "wifi_state_id_idx" ON "wifi_state" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "app_focus_device_time_idx" ON "app_focus" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "app_focus_id_idx" ON "app_focus" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "app_lifecycle_device_time_idx" ON "app_lifecycle" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "app_lifecycle_id_idx" ON "app_lifecycle" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "input_activity_device_time_idx" ON "input_activity" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "input_activity_id_idx" ON "input_activity" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "notification_device_time_idx" ON "notification" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "notification_id_idx" ON "notification" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "calendar_event_device_time_idx" ON "calendar_event" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "calendar_event_id_idx" ON "calendar_event" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "clipboard_device_time_idx" ON "clipboard" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "clipboard_id_idx" ON "clipboard" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "email_event_device_time_idx" ON "email_event" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "email_event_id_idx" ON "email_event" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "liked_tweet_device_time_idx" ON "liked_tweet" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "liked_tweet_id_idx" ON "liked_tweet" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "url_task_device_time_idx" ON "url_task" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "url_task_id_idx" ON "url_task" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "web_visit_device_time_idx" ON "web_visit" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "web_visit_id_idx" ON "web_visit" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "image_analysis_device_time_idx" ON "image_analysis" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "image_analysis_id_idx" ON "image_analysis" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "inferred_context_device_time_idx" ON "inferred_context" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "inferred_context_id_idx" ON "inferred_context" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "object_detections_device_time_idx" ON "object_detections" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "object_detections_id_idx" ON "object_detections" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "pdf_extract_device_time_idx" ON "pdf_extract" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "pdf_extract_id_idx" ON "pdf_extract" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "reconstruction3d_device_time_idx" ON "reconstruction3d" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "reconstruction3d_id_idx" ON "reconstruction3d" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "speech_segment_device_time_idx" ON "speech_segment" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "speech_segment_id_idx" ON "speech_segment" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "transcript_segment_device_time_idx" ON "transcript_segment" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "transcript_segment_id_idx" ON "transcript_segment" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "tweet_archive_device_time_idx" ON "tweet_archive" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "tweet_archive_id_idx" ON "tweet_archive" USING btree ("id");
