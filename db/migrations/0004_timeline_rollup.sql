CREATE TABLE "timeline_rollup" (
	"kind" text NOT NULL,
	"cell_seconds" integer NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"device_id" text NOT NULL,
	"count" bigint NOT NULL,
	"value_count" bigint NOT NULL,
	"value_sum" double precision NOT NULL,
	"value_min" double precision,
	"value_max" double precision,
	CONSTRAINT "timeline_rollup_kind_cell_seconds_start_device_id_pk" PRIMARY KEY("kind","cell_seconds","start","device_id")
);

