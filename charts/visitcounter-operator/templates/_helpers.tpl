{{/* Labels every object of the chart carries (config/ uses the same name label). */}}
{{- define "visitcounter-operator.labels" -}}
app.kubernetes.io/name: visitcounter-operator
app.kubernetes.io/part-of: visitcounter-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "visitcounter-operator.selectorLabels" -}}
app.kubernetes.io/name: visitcounter-operator
app.kubernetes.io/component: manager
{{- end -}}
