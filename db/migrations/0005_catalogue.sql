CREATE TABLE "screen_session" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"session_id" text NOT NULL,
	"closed_by" text NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"frames" integer NOT NULL,
	"analysed_frames" integer NOT NULL,
	"skipped_frames" integer NOT NULL,
	"ocr_runs" integer NOT NULL,
	"ocr_skipped_frames" integer NOT NULL,
	CONSTRAINT "screen_session_time_id_device_id_pk" PRIMARY KEY("time","id","device_id")
);

--> statement-breakpoint
CREATE TABLE "web_article" (
	"id" text NOT NULL,
	"device_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_event_id" text NOT NULL,
	"url" text NOT NULL,
	"final_url" text,
	"http_status" integer,
	"content_sha256" text NOT NULL,
	"title" text,
	"byline" text,
	"site_name" text,
	"language" text,
	"excerpt" text,
	"main_image_url" text,
	"published_at" timestamp with time zone,
	"text" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"summary" text,
	"summary_method" text,
	"summary_model" text,
	CONSTRAINT "web_article_time_id_device_id_pk" PRIMARY KEY("time","id","device_id")
);

--> statement-breakpoint
ALTER TABLE "screen_keyframe" ADD COLUMN "is_last" boolean;
--> statement-breakpoint
ALTER TABLE "url_task" ADD COLUMN "refetch" boolean;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "moving_regions" jsonb;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "changed_fraction" double precision NOT NULL;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "scene_cut" boolean NOT NULL;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "ocr" text NOT NULL;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "text_lines" jsonb;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "ocr_text" text;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "skipped_frames" integer NOT NULL;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "image" jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "width_px" integer NOT NULL;
--> statement-breakpoint
ALTER TABLE "object_detections" ADD COLUMN "height_px" integer NOT NULL;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "final_url" text;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "http_status" integer;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "content_sha256" text NOT NULL;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "author" text;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "pages" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "metadata" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "outline" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "document" jsonb;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "summary_method" text;
--> statement-breakpoint
ALTER TABLE "pdf_extract" ADD COLUMN "summary_model" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "final_url" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "http_status" integer;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "content_sha256" text NOT NULL;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "author_name" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "posted_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "language" text;
--> statement-breakpoint
ALTER TABLE "tweet_archive" ADD COLUMN "quoted_tweet" jsonb;
--> statement-breakpoint
CREATE INDEX "screen_session_device_time_idx" ON "screen_session" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "screen_session_id_idx" ON "screen_session" USING btree ("id");
--> statement-breakpoint
CREATE INDEX "web_article_device_time_idx" ON "web_article" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "web_article_id_idx" ON "web_article" USING btree ("id");
