ALTER TABLE "image_analysis" ADD COLUMN "object_boxes" jsonb;
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD COLUMN "faces" jsonb;
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD COLUMN "text_lines" jsonb;
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD COLUMN "thumbnail" jsonb;
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD COLUMN "width_px" integer;
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD COLUMN "height_px" integer;
--> statement-breakpoint
ALTER TABLE "image_analysis" ADD COLUMN "taken_at" timestamp with time zone;
