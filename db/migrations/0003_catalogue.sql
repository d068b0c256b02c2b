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
	CONSTRAINT "screen_session_time_id_pk" PRIMARY KEY("time","id")
);

--> statement-breakpoint
ALTER TABLE "screen_keyframe" ADD COLUMN "is_last" boolean;
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
CREATE INDEX "screen_session_device_time_idx" ON "screen_session" USING btree ("device_id","time");
--> statement-breakpoint
CREATE INDEX "screen_session_id_idx" ON "screen_session" USING btree ("id");
