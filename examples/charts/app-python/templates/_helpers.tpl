{{/*
The VisitCounterApp's name: nameOverride, else the release name when it already holds the chart's name
(`helm install app-python ...`), else RELEASE-CHART. At most 52 characters: the operator names the StatefulSet and
its Services after the app, and a StatefulSet's pods need room for their ordinal and revision label.
*/}}
{{- define "app-python.name" -}}
{{- if .Values.nameOverride -}}
{{- .Values.nameOverride | trunc 52 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The recommended labels; the operator copies none of them to the children, which carry the app's own. */}}
{{- define "app-python.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
