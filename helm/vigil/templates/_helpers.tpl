{{/* The chart's name, overridable. */}}
{{- define "vigil.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: "<release>-vigil", or the release name when it already says vigil. */}}
{{- define "vigil.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "vigil.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vigil.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "vigil.labels" -}}
helm.sh/chart: {{ include "vigil.chart" . }}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "vigil.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "vigil.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret with Vigil's own secrets: the user's, or the one this chart creates. */}}
{{- define "vigil.secretName" -}}
{{- default (include "vigil.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* The Secret with the database password: database.existingSecret, else the one with Vigil's secrets. */}}
{{- define "vigil.databaseSecretName" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecret }}
{{- else }}
{{- include "vigil.secretName" . }}
{{- end }}
{{- end }}

{{/* The key of the database password in vigil.databaseSecretName. */}}
{{- define "vigil.databasePasswordKey" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecretPasswordKey }}
{{- else }}
{{- .Values.secrets.keys.databasePassword }}
{{- end }}
{{- end }}

{{/* Whether the pods get a database password at all (none for trust or certificate auth). */}}
{{- define "vigil.hasDatabasePassword" -}}
{{- if or .Values.database.existingSecret .Values.secrets.existingSecret .Values.database.password }}true{{ end }}
{{- end }}

{{/* Whether this chart creates the Secret: only when the user names none and gives values. */}}
{{- define "vigil.createSecret" -}}
{{- $s := .Values.secrets }}
{{- $ownDb := and (not .Values.database.existingSecret) .Values.database.password }}
{{- $ownApp := and (not $s.existingSecret) (or $s.bootstrapToken $s.slackBotToken $s.slackSigningSecret) }}
{{- if or $ownDb $ownApp }}true{{ end }}
{{- end }}

{{- define "vigil.databaseQuery" -}}
{{- if .Values.database.parameters }}?{{ .Values.database.parameters }}{{ end }}
{{- end }}
