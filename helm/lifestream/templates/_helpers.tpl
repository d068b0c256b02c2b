{{- define "lifestream.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "lifestream.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "lifestream.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "lifestream.secretName" -}}
{{- .Values.secret.existingSecret | default (printf "%s-secret" (include "lifestream.fullname" .)) -}}
{{- end -}}

{{- define "lifestream.blobsClaim" -}}
{{- .Values.blobs.existingClaim | default (printf "%s-blobs" (include "lifestream.fullname" .)) -}}
{{- end -}}

{{/* The environment every Lifestream container shares: settings, credentials, where data and models are. */}}
{{- define "lifestream.env" -}}
- name: HOST
  value: "0.0.0.0"
- name: LIFESTREAM_DATA_DIR
  value: /data
- name: MODELS_DIR
  value: /models
{{- range $name := list "DATABASE_URL" "REDIS_URL" "LIFESTREAM_ADMIN_TOKEN" "LIFESTREAM_SQL_DATABASE_URL" }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "lifestream.secretName" $ }}
      key: {{ $name }}
      optional: {{ has $name (list "LIFESTREAM_ADMIN_TOKEN" "LIFESTREAM_SQL_DATABASE_URL") }}
{{- end }}
{{- end -}}

{{- define "lifestream.volumes" -}}
- name: blobs
  persistentVolumeClaim:
    claimName: {{ include "lifestream.blobsClaim" . }}
- name: models
{{- if .Values.models.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .Values.models.existingClaim }}
    readOnly: true
{{- else if .Values.models.hostPath }}
  hostPath:
    path: {{ .Values.models.hostPath }}
    type: Directory
{{- else }}
  emptyDir: {}
{{- end }}
- name: tmp
  emptyDir: {}
{{- end -}}

{{- define "lifestream.volumeMounts" -}}
- name: blobs
  mountPath: /data
- name: models
  mountPath: /models
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- end -}}

{{- define "lifestream.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}
