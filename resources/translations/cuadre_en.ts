<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_CO">
<context>
    <name>AssignDialog</name>
    <message>
        <source>Asignar hallazgos</source>
        <translation>Assign findings</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Opcional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>&amp;Persona:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>C&amp;omentario:</source>
        <translation>C&amp;omment:</translation>
    </message>
    <message>
        <source>&amp;Asignar</source>
        <translation>&amp;Assign</translation>
    </message>
    <message>
        <source>Nadie del espacio de trabajo propone, aprueba ni administra: registre a alguien en Personas…</source>
        <translation>Nobody in the workspace proposes, approves or administers: register someone in People…</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Auditoría</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Todas</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Id del registro, corrección o clave</source>
        <translation>Record id, correction or key</translation>
    </message>
    <message>
        <source>&amp;Desde:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Hasta:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Persona:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>Re&amp;gistro:</source>
        <translation>Re&amp;cord:</translation>
    </message>
    <message>
        <source>Res&amp;ultado:</source>
        <translation>Res&amp;ult:</translation>
    </message>
    <message>
        <source>Registro de auditoría</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>&amp;Verificar cadena</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <source>Comprueba la huella de cada fila: detecta filas alteradas, borradas o reordenadas</source>
        <translation>Checks each row&apos;s fingerprint: finds rows altered, deleted or reordered</translation>
    </message>
    <message>
        <source>&amp;Exportar…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Guarda las filas filtradas en XLSX o CSV</source>
        <translation>Saves the filtered rows as XLSX or CSV</translation>
    </message>
    <message>
        <source>Ce&amp;rrar</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Hasta</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo.</source>
        <translation>There is no workspace store.</translation>
    </message>
    <message>
        <source>{n} registro</source>
        <translation>{n} record</translation>
    </message>
    <message>
        <source>{n} registros</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <source> (los más recientes; filtre para ver otros)</source>
        <translation> (the most recent; filter to see others)</translation>
    </message>
    <message>
        <source>Verificando la cadena…</source>
        <translation>Verifying the chain…</translation>
    </message>
    <message>
        <source>Exportando…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Exportar auditoría</source>
        <translation>Export audit trail</translation>
    </message>
    <message>
        <source>Libro de Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cadena íntegra: {n} registros.</source>
        <translation>Chain intact: {n} records.</translation>
    </message>
    <message>
        <source>Se exportaron {n} filas a {path}.</source>
        <translation>{n} rows exported to {path}.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>N.º</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Cuándo</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Quién</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Propuso</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>Aprobó</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Comentario</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Clave de idempotencia</source>
        <translation>Idempotency key</translation>
    </message>
</context>
<context>
    <name>CandidatesDialog</name>
    <message>
        <source>Conciliar a mano</source>
        <translation>Match by hand</translation>
    </message>
    <message>
        <source>Buscando candidatos</source>
        <translation>Looking for candidates</translation>
    </message>
    <message>
        <source>Puntaje</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Referencia / factura</source>
        <translation>Reference / invoice</translation>
    </message>
    <message>
        <source>Valor</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Por qué</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Candidatos del otro sistema</source>
        <translation>Candidates from the other system</translation>
    </message>
    <message>
        <source>Motivo de la diferencia</source>
        <translation>Reason for the difference</translation>
    </message>
    <message>
        <source>Por qué son el mismo (obligatorio)</source>
        <translation>Why they are the same (required)</translation>
    </message>
    <message>
        <source>&amp;Motivo de la diferencia:</source>
        <translation>&amp;Reason for the difference:</translation>
    </message>
    <message>
        <source>C&amp;omentario:</source>
        <translation>C&amp;omment:</translation>
    </message>
    <message>
        <source>Co&amp;nciliar</source>
        <translation>&amp;Match</translation>
    </message>
    <message>
        <source>Candidatos del otro &amp;sistema (los más parecidos primero; elija uno o varios):</source>
        <translation>Candidates from the other &amp;system (closest first; choose one or several):</translation>
    </message>
    <message>
        <source>Buscando candidatos…</source>
        <translation>Looking for candidates…</translation>
    </message>
    <message>
        <source>Elija en la tabla los registros que son el mismo dinero.</source>
        <translation>Choose in the table the records that are the same money.</translation>
    </message>
    <message>
        <source>CRM {crm} − ERP {erp} = diferencia {difference}</source>
        <translation>CRM {crm} − ERP {erp} = difference {difference}</translation>
    </message>
    <message>
        <source>Espere: trabajando…</source>
        <translation>Wait: working…</translation>
    </message>
    <message>
        <source>Elija al menos un candidato del otro sistema.</source>
        <translation>Choose at least one candidate from the other system.</translation>
    </message>
    <message>
        <source>Varios registros con varios no se concilian: con varios seleccionados en la tabla, elija aquí uno solo.</source>
        <translation>Several records are not matched with several: with several selected in the table, choose only one here.</translation>
    </message>
    <message>
        <source>Clientes y vehículos se concilian uno con uno.</source>
        <translation>Customers and vehicles are matched one to one.</translation>
    </message>
    <message>
        <source>La diferencia es mayor de lo que explica un redondeo, una comisión bancaria o una retención: no son el mismo dinero.</source>
        <translation>The difference is larger than a rounding, a bank fee or a withholding explains: they are not the same money.</translation>
    </message>
    <message>
        <source>Escriba un comentario: por qué son el mismo.</source>
        <translation>Write a comment: why they are the same.</translation>
    </message>
</context>
<context>
    <name>CloudErpPage</name>
    <message>
        <source>usuario de la API (p. ej. api@concesionario.co)</source>
        <translation>API user (e.g. api@concesionario.co)</translation>
    </message>
    <message>
        <source>correo del usuario en Alegra</source>
        <translation>the user&apos;s e-mail in Alegra</translation>
    </message>
    <message>
        <source>nombre corto, p. ej. autos-norte</source>
        <translation>a short name, e.g. autos-norte</translation>
    </message>
    <message>
        <source>vacío: el servicio (api.siigo.com)</source>
        <translation>empty: the service (api.siigo.com)</translation>
    </message>
    <message>
        <source>vacío: el servicio (api.alegra.com)</source>
        <translation>empty: the service (api.alegra.com)</translation>
    </message>
    <message>
        <source>&amp;Usuario API:</source>
        <translation>API &amp;user:</translation>
    </message>
    <message>
        <source>&amp;Correo:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>E&amp;mpresa:</source>
        <translation>Co&amp;mpany:</translation>
    </message>
    <message>
        <source>Ser&amp;vidor:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>La clave de acceso de Siigo (en Siigo Nube, menú Alianzas › «Mi credencial API») va en el campo de credencial. Cuadre lee clientes, recibos de caja y facturas; corrige clientes.</source>
        <translation>Siigo&apos;s access key (in Siigo Nube, menu Alianzas › «Mi credencial API») goes in the credential field. Cuadre reads customers, cash receipts and invoices; it corrects customers.</translation>
    </message>
    <message>
        <source>El token de la API de Alegra (Configuración › «API - Integraciones con otros sistemas») va en el campo de credencial. Cuadre lee contactos, pagos y facturas; corrige contactos.</source>
        <translation>Alegra&apos;s API token (Configuración › «API - Integraciones con otros sistemas») goes in the credential field. Cuadre reads contacts, payments and invoices; it corrects contacts.</translation>
    </message>
</context>
<context>
    <name>ConnectionsDialog</name>
    <message>
        <source>Conexiones</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Perfiles</source>
        <translation>&amp;Profiles</translation>
    </message>
    <message>
        <source>Perfiles de conexión</source>
        <translation>Connection profiles</translation>
    </message>
    <message>
        <source>&amp;Nuevo…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>&amp;Editar…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>D&amp;uplicar</source>
        <translation>D&amp;uplicate</translation>
    </message>
    <message>
        <source>E&amp;liminar…</source>
        <translation>De&amp;lete…</translation>
    </message>
    <message>
        <source>Eliminar el perfil seleccionado (Supr)</source>
        <translation>Delete the selected profile (Del)</translation>
    </message>
    <message>
        <source>Tolerancias:</source>
        <translation>Tolerances:</translation>
    </message>
    <message>
        <source>Umbrales:</source>
        <translation>Thresholds:</translation>
    </message>
    <message>
        <source>Sistema de registro:</source>
        <translation>System of record:</translation>
    </message>
    <message>
        <source>&amp;Probar conexión</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Abrir el CRM y el ERP del perfil y contar sus registros</source>
        <translation>Open the profile&apos;s CRM and ERP and count their records</translation>
    </message>
    <message>
        <source>&amp;Cancelar</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Detener la prueba</source>
        <translation>Stop the test</translation>
    </message>
    <message>
        <source>U&amp;sar este perfil</source>
        <translation>U&amp;se this profile</translation>
    </message>
    <message>
        <source>Conciliar este perfil en la ventana principal (F5 lo vuelve a conciliar)</source>
        <translation>Reconcile this profile in the main window (F5 reconciles it again)</translation>
    </message>
    <message>
        <source>La ventana principal concilia este perfil</source>
        <translation>The main window reconciles this profile</translation>
    </message>
    <message>
        <source>{name} (copia)</source>
        <translation>{name} (copy)</translation>
    </message>
    <message>
        <source>{name} (copia {n})</source>
        <translation>{name} (copy {n})</translation>
    </message>
    <message>
        <source>Perfil duplicado como «{name}».</source>
        <translation>Profile duplicated as “{name}”.</translation>
    </message>
    <message>
        <source>Eliminar perfil</source>
        <translation>Delete profile</translation>
    </message>
    <message>
        <source>¿Eliminar el perfil «{name}»?</source>
        <translation>Delete the profile “{name}”?</translation>
    </message>
    <message>
        <source>Los archivos y las bases de datos no se tocan; solo se borra esta configuración.</source>
        <translation>Files and databases are not touched; only this configuration is deleted.</translation>
    </message>
    <message>
        <source>&amp;Eliminar</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;No eliminar</source>
        <translation>Do&amp;n&apos;t delete</translation>
    </message>
    <message>
        <source>Borrar también su credencial del almacén seguro</source>
        <translation>Also delete its credential from the secure store</translation>
    </message>
    <message>
        <source>Perfil «{name}» eliminado.</source>
        <translation>Profile “{name}” deleted.</translation>
    </message>
    <message>
        <source>Conectando…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Todavía no hay perfiles: cree uno con «Nuevo…».</source>
        <translation>No profiles yet: create one with “New…”.</translation>
    </message>
    <message>
        <source>{abs} o {rel} % del valor · {days} días</source>
        <translation>{abs} or {rel} % of the amount · {days} days</translation>
    </message>
    <message>
        <source>enlace automático desde {auto} · revisión desde {review}</source>
        <translation>automatic link from {auto} · review from {review}</translation>
    </message>
    <message>
        <source>gana el CRM en {n} campo ({some}), el ERP en los demás</source>
        <translation>the CRM wins in {n} field ({some}), the ERP in the rest</translation>
    </message>
    <message>
        <source>gana el CRM en {n} campos ({some}), el ERP en los demás</source>
        <translation>the CRM wins in {n} fields ({some}), the ERP in the rest</translation>
    </message>
    <message>
        <source>gana el ERP en todos los campos</source>
        <translation>the ERP wins in every field</translation>
    </message>
    <message>
        <source>la fuente no es válida: edítela</source>
        <translation>the source is not valid: edit it</translation>
    </message>
    <message>
        <source>no necesita credencial</source>
        <translation>needs no credential</translation>
    </message>
    <message>
        <source>credencial guardada en el almacén seguro</source>
        <translation>credential saved in the secure store</translation>
    </message>
    <message>
        <source>falta la credencial: escríbala en «Editar…»</source>
        <translation>the credential is missing: enter it in “Edit…”</translation>
    </message>
    <message>
        <source>Probando el {who}: {entity}…</source>
        <translation>Testing the {who}: {entity}…</translation>
    </message>
    <message>
        <source>Conectando con el {who}…</source>
        <translation>Connecting to the {who}…</translation>
    </message>
    <message>
        <source>Prueba cancelada.</source>
        <translation>Test cancelled.</translation>
    </message>
</context>
<context>
    <name>CorrectionsTab</name>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Propuso</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>Decidió</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>Último comentario</source>
        <translation>Last comment</translation>
    </message>
    <message>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Recibo</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Valor</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Qué hacer</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Todas</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Es&amp;tado:</source>
        <translation>Sta&amp;te:</translation>
    </message>
    <message>
        <source>&amp;Quién propuso:</source>
        <translation>&amp;Proposed by:</translation>
    </message>
    <message>
        <source>Entida&amp;d:</source>
        <translation>Entit&amp;y:</translation>
    </message>
    <message>
        <source>Cola de correcciones</source>
        <translation>Corrections queue</translation>
    </message>
    <message>
        <source>Comentario (opcional; motivo al rechazar)</source>
        <translation>Comment (optional; the reason when rejecting)</translation>
    </message>
    <message>
        <source>Comentario de la decisión</source>
        <translation>Decision comment</translation>
    </message>
    <message>
        <source>Comentario:</source>
        <translation>Comment:</translation>
    </message>
    <message>
        <source>Apro&amp;bar</source>
        <translation>Appro&amp;ve</translation>
    </message>
    <message>
        <source>&amp;Rechazar</source>
        <translation>&amp;Reject</translation>
    </message>
    <message>
        <source>Aplazar</source>
        <translation>Defer</translation>
    </message>
    <message>
        <source>Decidir de &amp;nuevo</source>
        <translation>Decide a&amp;gain</translation>
    </message>
    <message>
        <source>Vuelve a «Propuesta» partiendo del valor que tiene el sistema: necesita una aprobación nueva.</source>
        <translation>Goes back to “Proposed”, starting from the value the system holds: it needs a new approval.</translation>
    </message>
    <message>
        <source>Des&amp;hacer…</source>
        <translation>U&amp;ndo…</translation>
    </message>
    <message>
        <source>Notas crédito/débito</source>
        <translation>Credit/debit notes</translation>
    </message>
    <message>
        <source>Correcciones</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>Quién propuso</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>{n} correcciones</source>
        <translation>{n} corrections</translation>
    </message>
    <message>
        <source>Fusión</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Notas crédito/débito para contabilidad ({n})</source>
        <translation>Credit/debit notes for accounting ({n})</translation>
    </message>
    <message>
        <source>Nota débito</source>
        <translation>Debit note</translation>
    </message>
    <message>
        <source>Nota crédito</source>
        <translation>Credit note</translation>
    </message>
    <message>
        <source> y factura nueva</source>
        <translation> and a new invoice</translation>
    </message>
    <message>
        <source>Seleccione una corrección de la cola.</source>
        <translation>Select a correction in the queue.</translation>
    </message>
    <message>
        <source>En conflicto: se quería «{wanted}» y el sistema tiene «{found}» (alguien lo cambió después de aprobarla). «Decidir de nuevo» la vuelve a proponer partiendo del valor del sistema; «Rechazar» la descarta.</source>
        <translation>In conflict: “{wanted}” was wanted and the system holds “{found}” (someone changed it after it was approved). “Decide again” proposes it again starting from the system&apos;s value; “Reject” discards it.</translation>
    </message>
    <message>
        <source>No puede aprobarla: {why}</source>
        <translation>You cannot approve it: {why}</translation>
    </message>
    <message>
        <source>Seleccione una corrección y elija quién trabaja.</source>
        <translation>Select a correction and choose who is working.</translation>
    </message>
    <message>
        <source>Aprobada: queda lista para enviar.</source>
        <translation>Approved: ready to push.</translation>
    </message>
    <message>
        <source>Corrección rechazada.</source>
        <translation>Correction rejected.</translation>
    </message>
    <message>
        <source>Corrección aplazada.</source>
        <translation>Correction deferred.</translation>
    </message>
    <message>
        <source>De vuelta en la cola como propuesta: necesita una aprobación nueva.</source>
        <translation>Back in the queue as proposed: it needs a new approval.</translation>
    </message>
    <message>
        <source>Seleccione una corrección aplicada.</source>
        <translation>Select an applied correction.</translation>
    </message>
    <message>
        <source>Propuesto deshacerla: la corrección inversa espera la aprobación de otra persona.</source>
        <translation>Undo proposed: the reverse correction awaits another person&apos;s approval.</translation>
    </message>
</context>
<context>
    <name>CountResultsPanel</name>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Diferencias del conteo</source>
        <translation>Count differences</translation>
    </message>
    <message>
        <source>Escanee o escriba los VIN que hay en el patio, o importe el archivo del conteo,
y pulse «Comparar con el ERP» para ver qué falta, qué sobra y qué está en otra sede.</source>
        <translation>Scan or type the VINs on the lot, or import the count file,
and press “Compare with the ERP” to see what is missing, what is extra and what is at another branch.</translation>
    </message>
    <message>
        <source>Conteo físico — {branch}</source>
        <translation>Physical count — {branch}</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>En el ERP (id {id}): {facts}</source>
        <translation>In the ERP (id {id}): {facts}</translation>
    </message>
    <message>
        <source>Todavía no se ha comparado el conteo de {branch}.</source>
        <translation>The count for {branch} has not been compared yet.</translation>
    </message>
    <message>
        <source>Resultado: {branch}</source>
        <translation>Result: {branch}</translation>
    </message>
    <message>
        <source>{n} vehículo en el patio según el ERP</source>
        <translation>{n} vehicle on the lot according to the ERP</translation>
    </message>
    <message>
        <source>{n} vehículos en el patio según el ERP</source>
        <translation>{n} vehicles on the lot according to the ERP</translation>
    </message>
    <message>
        <source>{n} VIN contado</source>
        <translation>{n} VIN counted</translation>
    </message>
    <message>
        <source>{n} VIN contados</source>
        <translation>{n} VINs counted</translation>
    </message>
    <message>
        <source>{n} confirmado</source>
        <translation>{n} confirmed</translation>
    </message>
    <message>
        <source>{n} confirmados</source>
        <translation>{n} confirmed</translation>
    </message>
    <message>
        <source>{n} fila de otra sede no se tuvo en cuenta</source>
        <translation>{n} row from another branch was not taken into account</translation>
    </message>
    <message>
        <source>{n} filas de otras sedes no se tuvieron en cuenta</source>
        <translation>{n} rows from other branches were not taken into account</translation>
    </message>
    <message>
        <source>La lista cambió después de comparar: vuelva a comparar.</source>
        <translation>The list changed after comparing: compare again.</translation>
    </message>
</context>
<context>
    <name>CountTab</name>
    <message>
        <source>Conteo del patio</source>
        <translation>Lot count</translation>
    </message>
    <message>
        <source>Sede que se cuenta</source>
        <translation>Branch being counted</translation>
    </message>
    <message>
        <source>Escanee o escriba el VIN</source>
        <translation>Scan or type the VIN</translation>
    </message>
    <message>
        <source>VIN contado</source>
        <translation>VIN counted</translation>
    </message>
    <message>
        <source>El lector de código de barras escribe el VIN y pulsa Enter: se agrega a la lista</source>
        <translation>The barcode reader types the VIN and presses Enter: it is added to the list</translation>
    </message>
    <message>
        <source>&amp;Sede:</source>
        <translation>&amp;Branch:</translation>
    </message>
    <message>
        <source>&amp;VIN:</source>
        <translation>&amp;VIN:</translation>
    </message>
    <message>
        <source>VIN contados (Supr quita el seleccionado)</source>
        <translation>VINs counted (Del removes the selected one)</translation>
    </message>
    <message>
        <source>&amp;Importar conteo…</source>
        <translation>&amp;Import count…</translation>
    </message>
    <message>
        <source>Leer un archivo CSV o Excel con los VIN contados</source>
        <translation>Read a CSV or Excel file with the VINs counted</translation>
    </message>
    <message>
        <source>&amp;Nuevo conteo</source>
        <translation>&amp;New count</translation>
    </message>
    <message>
        <source>Vaciar la lista de esta sede y empezar de cero</source>
        <translation>Empty this branch&apos;s list and start over</translation>
    </message>
    <message>
        <source>Co&amp;mparar con el ERP</source>
        <translation>Co&amp;mpare with the ERP</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Detener la tarea en curso (Esc)</source>
        <translation>Stop the task under way (Esc)</translation>
    </message>
    <message>
        <source>{vin}: {problem}. Se agregó; revíselo.</source>
        <translation>{vin}: {problem}. It was added; check it.</translation>
    </message>
    <message>
        <source>{vin} ya estaba en la lista: contado {n} veces.</source>
        <translation>{vin} was already on the list: counted {n} times.</translation>
    </message>
    <message>
        <source>Agregado: {vin}</source>
        <translation>Added: {vin}</translation>
    </message>
    <message>
        <source>Se quitó {n} VIN de la lista.</source>
        <translation>{n} VIN removed from the list.</translation>
    </message>
    <message>
        <source>Se quitaron {n} VIN de la lista.</source>
        <translation>{n} VINs removed from the list.</translation>
    </message>
    <message>
        <source>Conteo nuevo para {branch}.</source>
        <translation>New count for {branch}.</translation>
    </message>
    <message>
        <source>Importar conteo</source>
        <translation>Import count</translation>
    </message>
    <message>
        <source>La lista de esta sede ya tiene {n} VIN.</source>
        <translation>This branch&apos;s list already has {n} VINs.</translation>
    </message>
    <message>
        <source>¿Reemplazarla por el archivo o agregar el archivo a la lista?</source>
        <translation>Replace it with the file or add the file to the list?</translation>
    </message>
    <message>
        <source>&amp;Reemplazar</source>
        <translation>&amp;Replace</translation>
    </message>
    <message>
        <source>A&amp;gregar</source>
        <translation>A&amp;dd</translation>
    </message>
    <message>
        <source>Nuevo conteo</source>
        <translation>New count</translation>
    </message>
    <message>
        <source>¿Borrar los {n} VIN contados en {branch} y empezar de cero?</source>
        <translation>Delete the {n} VINs counted at {branch} and start over?</translation>
    </message>
    <message>
        <source>Conteo físico</source>
        <translation>Physical count</translation>
    </message>
    <message>
        <source>Conteos (*.csv *.xlsx);;Todos los archivos (*)</source>
        <translation>Counts (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>No se pudo leer el archivo del conteo.</source>
        <translation>The count file could not be read.</translation>
    </message>
    <message>
        <source>No se pudo comparar el conteo.</source>
        <translation>The count could not be compared.</translation>
    </message>
    <message>
        <source>Cancelado.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>El conteo guardado de {branch} no se pudo leer; se apartó como «{file}» y la lista empieza vacía.</source>
        <translation>The saved count for {branch} could not be read; it was set aside as “{file}” and the list starts empty.</translation>
    </message>
    <message>
        <source>No se pudo leer el conteo guardado de {branch}.</source>
        <translation>The saved count for {branch} could not be read.</translation>
    </message>
    <message>
        <source>Se recuperó el conteo guardado ({n} VIN).</source>
        <translation>The saved count was recovered ({n} VINs).</translation>
    </message>
    <message>
        <source>Se importaron {n} VIN de «{file}».</source>
        <translation>{n} VINs imported from “{file}”.</translation>
    </message>
    <message>
        <source>{n} fila de otra sede se dejó fuera.</source>
        <translation>{n} row from another branch was left out.</translation>
    </message>
    <message>
        <source>{n} filas de otras sedes se dejaron fuera.</source>
        <translation>{n} rows from other branches were left out.</translation>
    </message>
    <message>
        <source>No se pudo guardar el conteo en la carpeta de datos: no cierre Cuadre.</source>
        <translation>The count could not be saved in the data folder: do not close Cuadre.</translation>
    </message>
    <message>
        <source>{n} VIN contado</source>
        <translation>{n} VIN counted</translation>
    </message>
    <message>
        <source>{n} VIN contados</source>
        <translation>{n} VINs counted</translation>
    </message>
    <message>
        <source>{n} distinto</source>
        <translation>{n} distinct</translation>
    </message>
    <message>
        <source>{n} distintos</source>
        <translation>{n} distinct</translation>
    </message>
    <message>
        <source>{n} inválido</source>
        <translation>{n} invalid</translation>
    </message>
    <message>
        <source>{n} inválidos</source>
        <translation>{n} invalid</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Leyendo las conciliaciones guardadas</source>
        <translation>Reading the saved reconciliations</translation>
    </message>
    <message>
        <source>Tablero</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Detener el cálculo del tablero (Esc)</source>
        <translation>Stop computing the dashboard (Esc)</translation>
    </message>
    <message>
        <source>Se calcula al abrir el tablero.</source>
        <translation>Computed when the dashboard is opened.</translation>
    </message>
    <message>
        <source>Calculando…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>Calculando el tablero…</source>
        <translation>Computing the dashboard…</translation>
    </message>
    <message>
        <source>Cancelando…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Calculando el tablero</source>
        <translation>Computing the dashboard</translation>
    </message>
    <message>
        <source>Escribiendo el feed de anuncios</source>
        <translation>Writing the ads feed</translation>
    </message>
    <message>
        <source>Datos al {day}</source>
        <translation>Data as of {day}</translation>
    </message>
    <message>
        <source>No se pudo calcular el tablero: {why}</source>
        <translation>The dashboard could not be computed: {why}</translation>
    </message>
    <message>
        <source>Cálculo cancelado.</source>
        <translation>Computation cancelled.</translation>
    </message>
    <message>
        <source>Cálculo cancelado. Vuelva a abrir el tablero para calcularlo.</source>
        <translation>Computation cancelled. Open the dashboard again to compute it.</translation>
    </message>
    <message>
        <source>El tablero resume la conciliación en pantalla: diferencias por sede, seguimientos posventa,
embudo por origen, inventario y renovación. Concilie primero (F5).</source>
        <translation>The dashboard sums up the reconciliation on screen: differences by branch, after-sales follow-ups,
funnel by source, stock and renewal. Reconcile first (F5).</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo: los seguimientos se proponen como correcciones.</source>
        <translation>There is no workspace store: follow-ups are proposed as corrections.</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario, en la barra de herramientas).</source>
        <translation>First choose who is working (User, on the toolbar).</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de proponer.</source>
        <translation>Your user does not have the role to propose.</translation>
    </message>
    <message>
        <source>Espere: se está registrando otra propuesta.</source>
        <translation>Wait: another proposal is being recorded.</translation>
    </message>
    <message>
        <source>No hay seguimientos en la lista.</source>
        <translation>There are no follow-ups on the list.</translation>
    </message>
    <message>
        <source>Ninguno de estos clientes autorizó el contacto (Ley 1581): no hay seguimientos que proponer.</source>
        <translation>None of these customers consented to be contacted (Law 1581): there are no follow-ups to propose.</translation>
    </message>
    <message>
        <source>&amp;Crear seguimientos ({n})</source>
        <translation>&amp;Create follow-ups ({n})</translation>
    </message>
    <message>
        <source>&amp;Crear seguimientos</source>
        <translation>&amp;Create follow-ups</translation>
    </message>
    <message>
        <source>Propone {n} seguimientos de las filas seleccionadas con permiso de contacto; esperan la aprobación de otra persona.</source>
        <translation>Proposes {n} follow-ups from the selected rows with contact consent; they await another person&apos;s approval.</translation>
    </message>
    <message>
        <source>Propone {n} seguimientos: todos los de la lista con permiso de contacto (seleccione filas para proponer solo esas); esperan la aprobación de otra persona.</source>
        <translation>Proposes {n} follow-ups: every one on the list with contact consent (select rows to propose only those); they await another person&apos;s approval.</translation>
    </message>
    <message>
        <source>Proponiendo los seguimientos…</source>
        <translation>Proposing the follow-ups…</translation>
    </message>
    <message>
        <source>No se pudieron proponer los seguimientos: {why}</source>
        <translation>The follow-ups could not be proposed: {why}</translation>
    </message>
</context>
<context>
    <name>DecisionsSession</name>
    <message>
        <source>No hay almacén de trabajo.</source>
        <translation>There is no workspace store.</translation>
    </message>
    <message>
        <source>Cancelado: se conserva lo que ya se había propuesto.</source>
        <translation>Cancelled: what had already been proposed is kept.</translation>
    </message>
</context>
<context>
    <name>EditValuesDialog</name>
    <message>
        <source>Editar valor propuesto</source>
        <translation>Edit proposed value</translation>
    </message>
    <message>
        <source>Valor actual: {value}</source>
        <translation>Current value: {value}</translation>
    </message>
</context>
<context>
    <name>EntityTab</name>
    <message>
        <source>Filtrar por tipo de diferencia</source>
        <translation>Filter by kind of difference</translation>
    </message>
    <message>
        <source>Buscar…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <source>Buscar en la tabla</source>
        <translation>Search the table</translation>
    </message>
    <message>
        <source>Busca en todas las columnas y en los registros (nombres, documentos, teléfonos, correos), sin importar tildes ni mayúsculas (Ctrl+F)</source>
        <translation>Searches every column and the records (names, documents, phones, e-mails), ignoring accents and case (Ctrl+F)</translation>
    </message>
    <message>
        <source>Diferencias</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>Exportar datos del &amp;titular…</source>
        <translation>Export data &amp;subject&apos;s information…</translation>
    </message>
    <message>
        <source>&amp;Tipo:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Todos los tipos ({n})</source>
        <translation>All kinds ({n})</translation>
    </message>
    <message>
        <source>{entity} — registros lado a lado</source>
        <translation>{entity} — records side by side</translation>
    </message>
    <message>
        <source>{entity} — diferencias</source>
        <translation>{entity} — differences</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Filtrando {n} filas…</source>
        <translation>Filtering {n} rows…</translation>
    </message>
    <message>
        <source>{n} fila</source>
        <translation>{n} row</translation>
    </message>
    <message>
        <source>{n} filas</source>
        <translation>{n} rows</translation>
    </message>
    <message>
        <source>{shown} de {n} filas</source>
        <translation>{shown} of {n} rows</translation>
    </message>
    <message>
        <source>Exporta a JSON todo lo que Cuadre tiene del documento {doc} (Ley 1581)</source>
        <translation>Exports to JSON everything Cuadre holds on document {doc} (Law 1581)</translation>
    </message>
    <message>
        <source>La diferencia seleccionada no tiene un documento de cliente.</source>
        <translation>The selected difference has no customer document.</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>Explicar hallazgos</source>
        <translation>Explain findings</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Por qué sigue este hallazgo (obligatorio)</source>
        <translation>Why this finding stands (required)</translation>
    </message>
    <message>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>C&amp;omentario:</source>
        <translation>C&amp;omment:</translation>
    </message>
    <message>
        <source>&amp;Explicar</source>
        <translation>&amp;Explain</translation>
    </message>
    <message>
        <source>Una explicación lleva un comentario: escríbalo para poder explicar.</source>
        <translation>An explanation carries a comment: write it to be able to explain.</translation>
    </message>
</context>
<context>
    <name>FeedExport</name>
    <message>
        <source>Catálogo de vehículos de Meta (*.csv)</source>
        <translation>Meta vehicle catalog (*.csv)</translation>
    </message>
    <message>
        <source>Anuncios de vehículos de Google (*.csv)</source>
        <translation>Google vehicle ads (*.csv)</translation>
    </message>
    <message>
        <source>Líneas «Quedan N» por modelo (*.csv)</source>
        <translation>“N left” lines per model (*.csv)</translation>
    </message>
    <message>
        <source>Feed cancelado: no se escribió nada.</source>
        <translation>Feed cancelled: nothing was written.</translation>
    </message>
    <message>
        <source>Guardar el feed de anuncios</source>
        <translation>Save the ads feed</translation>
    </message>
    <message>
        <source>Concilie primero (F5): el feed sale del inventario del ERP.</source>
        <translation>Reconcile first (F5): the feed comes from the ERP inventory.</translation>
    </message>
    <message>
        <source>Espere: ya se está escribiendo un feed.</source>
        <translation>Wait: a feed is already being written.</translation>
    </message>
    <message>
        <source>No se escribió el feed.</source>
        <translation>The feed was not written.</translation>
    </message>
    <message>
        <source>Escribiendo el feed en {path}…</source>
        <translation>Writing the feed to {path}…</translation>
    </message>
    <message>
        <source>Feed escrito en {path}: {rows} filas; {omitted} vehículos omitidos.</source>
        <translation>Feed written to {path}: {rows} rows; {omitted} vehicles left out.</translation>
    </message>
    <message>
        <source>Feed escrito en {path}: {rows} filas.</source>
        <translation>Feed written to {path}: {rows} rows.</translation>
    </message>
    <message>
        <source>No se escribió el feed: {why}</source>
        <translation>The feed was not written: {why}</translation>
    </message>
    <message>
        <source>Feed de anuncios</source>
        <translation>Ads feed</translation>
    </message>
</context>
<context>
    <name>FindingActions</name>
    <message>
        <source>&amp;Asignar a…</source>
        <translation>&amp;Assign to…</translation>
    </message>
    <message>
        <source>&amp;Explicar…</source>
        <translation>&amp;Explain…</translation>
    </message>
    <message>
        <source>&amp;Reabrir</source>
        <translation>&amp;Reopen</translation>
    </message>
    <message>
        <source>&amp;Conciliar a mano…</source>
        <translation>&amp;Match by hand…</translation>
    </message>
    <message>
        <source>&amp;Deshacer conciliación a mano</source>
        <translation>&amp;Undo manual match</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo.</source>
        <translation>There is no workspace store.</translation>
    </message>
    <message>
        <source>Elija quién trabaja (Usuario, en la barra de herramientas) para asignar, explicar o conciliar hallazgos.</source>
        <translation>Choose who is working (User, on the toolbar) to assign, explain or match findings.</translation>
    </message>
    <message>
        <source>Concilie primero: los hallazgos se siguen en el espacio de trabajo.</source>
        <translation>Reconcile first: findings are tracked in the workspace.</translation>
    </message>
    <message>
        <source>Trabajando…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Seleccione hallazgos de una conciliación guardada (se guarda al conciliar, F5, con alguien que trabaje elegido).</source>
        <translation>Select findings of a saved reconciliation (it is saved when reconciling, F5, with someone chosen as working).</translation>
    </message>
    <message>
        <source>Conciliados a mano: {n} registros.</source>
        <translation>Matched by hand: {n} records.</translation>
    </message>
    <message>
        <source>Listo: 1 hallazgo actualizado.</source>
        <translation>Done: 1 finding updated.</translation>
    </message>
    <message>
        <source>Listo: {n} hallazgos actualizados.</source>
        <translation>Done: {n} findings updated.</translation>
    </message>
</context>
<context>
    <name>FollowupsView</name>
    <message>
        <source>Ventana de seguimientos, en días</source>
        <translation>Follow-up window, in days</translation>
    </message>
    <message>
        <source>Los seguimientos que vencen entre hoy y estos días (aniversario de entrega, primer servicio, SOAT, seguro)</source>
        <translation>The follow-ups due between today and this many days (delivery anniversary, first service, SOAT, insurance)</translation>
    </message>
    <message>
        <source>Pró&amp;ximos:</source>
        <translation>Ne&amp;xt:</translation>
    </message>
    <message>
        <source>&amp;Crear seguimientos</source>
        <translation>&amp;Create follow-ups</translation>
    </message>
    <message>
        <source>Seguimientos por semana y tipo</source>
        <translation>Follow-ups by week and kind</translation>
    </message>
    <message>
        <source>Seguimientos por hacer</source>
        <translation>Follow-ups to do</translation>
    </message>
    <message>
        <source>Próximos</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>{n} seguimiento vence en los próximos {d} días</source>
        <translation>{n} follow-up is due in the next {d} days</translation>
    </message>
    <message>
        <source>{n} seguimientos vencen en los próximos {d} días</source>
        <translation>{n} follow-ups are due in the next {d} days</translation>
    </message>
    <message>
        <source>{n} sin permiso de contacto (en gris: no se proponen)</source>
        <translation>{n} without contact consent (in grey: not proposed)</translation>
    </message>
    <message>
        <source>{n} ya tiene seguimiento en el CRM</source>
        <translation>{n} already has a follow-up in the CRM</translation>
    </message>
    <message>
        <source>{n} ya tienen seguimiento en el CRM</source>
        <translation>{n} already have a follow-up in the CRM</translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <source>Origen</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Origen y sede</source>
        <translation>Source and branch</translation>
    </message>
    <message>
        <source>Origen y mes</source>
        <translation>Source and month</translation>
    </message>
    <message>
        <source>Agrupar el embudo por</source>
        <translation>Group the funnel by</translation>
    </message>
    <message>
        <source>A&amp;grupar por:</source>
        <translation>&amp;Group by:</translation>
    </message>
    <message>
        <source>Embudo por origen del prospecto</source>
        <translation>Funnel by lead source</translation>
    </message>
    <message>
        <source>Embudo por origen</source>
        <translation>Funnel by source</translation>
    </message>
    <message>
        <source>Agrupado por</source>
        <translation>Grouped by</translation>
    </message>
    <message>
        <source>{leads} prospectos → {invoiced} ventas facturadas en el ERP ({ratio}) · {revenue} facturados</source>
        <translation>{leads} leads → {invoiced} sales invoiced in the ERP ({ratio}) · {revenue} invoiced</translation>
    </message>
    <message>
        <source>{n} venta marcada como vendida en el CRM sin factura en el ERP no se cuenta.</source>
        <translation>{n} sale marked as sold in the CRM without an invoice in the ERP is not counted.</translation>
    </message>
    <message>
        <source>{n} ventas marcadas como vendidas en el CRM sin factura en el ERP no se cuentan.</source>
        <translation>{n} sales marked as sold in the CRM without an invoice in the ERP are not counted.</translation>
    </message>
</context>
<context>
    <name>HubSpotPage</name>
    <message>
        <source>Hub ID, por ejemplo 12345678</source>
        <translation>Hub ID, for example 12345678</translation>
    </message>
    <message>
        <source>api.hubapi.com (vacío)</source>
        <translation>api.hubapi.com (empty)</translation>
    </message>
    <message>
        <source>vehiculos (o «deals»: el VIN en el negocio)</source>
        <translation>vehiculos (or “deals”: the VIN on the deal)</translation>
    </message>
    <message>
        <source>pagos</source>
        <translation>pagos</translation>
    </message>
    <message>
        <source>vin</source>
        <translation>vin</translation>
    </message>
    <message>
        <source>Fechar un consentimiento sin fecha con el &amp;historial de la base legal</source>
        <translation>Date an undated consent by the legal basis&apos;s &amp;history</translation>
    </message>
    <message>
        <source>Ley 1581: sin la propiedad de fecha, se toma el día en que la base legal quedó registrada en HubSpot (cuando alguien la escribió, no siempre cuando la persona autorizó).</source>
        <translation>Ley 1581: without the date property, the day the legal basis was recorded in HubSpot is taken (when someone typed it in, not always when the person authorised).</translation>
    </message>
    <message>
        <source>Porta&amp;l (Hub ID):</source>
        <translation>Porta&amp;l (Hub ID):</translation>
    </message>
    <message>
        <source>Servidor de la A&amp;PI:</source>
        <translation>A&amp;PI server:</translation>
    </message>
    <message>
        <source>Objeto de &amp;vehículos:</source>
        <translation>&amp;Vehicles object:</translation>
    </message>
    <message>
        <source>Objeto de p&amp;agos:</source>
        <translation>P&amp;ayments object:</translation>
    </message>
    <message>
        <source>Propiedad del V&amp;IN:</source>
        <translation>V&amp;IN property:</translation>
    </message>
    <message>
        <source>El token de la app privada de HubSpot va en el campo de credencial. Servidor solo para el sandbox (127.0.0.1:8765). HubSpot no permite deshacer una fusión de contactos.</source>
        <translation>The HubSpot private app&apos;s token goes in the credential field. Server only for the sandbox (127.0.0.1:8765). HubSpot cannot undo a merge of contacts.</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Idioma</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>No se pudo guardar el idioma en la carpeta de datos: Cuadre sigue en {language}.</source>
        <translation>The language could not be saved in the data folder: Cuadre stays in {language}.</translation>
    </message>
    <message>
        <source>Cuadre seguirá en {language}.</source>
        <translation>Cuadre will stay in {language}.</translation>
    </message>
    <message>
        <source>Cuadre se mostrará en {language} la próxima vez que lo abra.</source>
        <translation>Cuadre will be shown in {language} the next time you open it.</translation>
    </message>
    <message>
        <source>Idioma</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>LifeFilters</name>
    <message>
        <source>Filtrar por estado</source>
        <translation>Filter by state</translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Filtrar por responsable</source>
        <translation>Filter by owner</translation>
    </message>
    <message>
        <source>Filtrar por antigüedad</source>
        <translation>Filter by age</translation>
    </message>
    <message>
        <source>Cualquier antigüedad</source>
        <translation>Any age</translation>
    </message>
    <message>
        <source>Más de {n} días</source>
        <translation>More than {n} days</translation>
    </message>
    <message>
        <source>Esta&amp;do:</source>
        <translation>Sta&amp;te:</translation>
    </message>
    <message>
        <source>Respo&amp;nsable:</source>
        <translation>O&amp;wner:</translation>
    </message>
    <message>
        <source>Anti&amp;güedad:</source>
        <translation>A&amp;ge:</translation>
    </message>
    <message>
        <source>Todos los responsables</source>
        <translation>All owners</translation>
    </message>
    <message>
        <source>Sin asignar</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <source>Yo</source>
        <translation>Me</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Antigüedad</source>
        <translation>Age</translation>
    </message>
</context>
<context>
    <name>LifePanel</name>
    <message>
        <source>Sin seguimiento: los hallazgos se siguen cuando la conciliación se guarda (con alguien que trabaje elegido).</source>
        <translation>Not tracked: findings are tracked when the reconciliation is saved (with someone chosen as working).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Iniciar sesión</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Cada persona demuestra quién es con su propia clave: así nadie propone ni aprueba en nombre de otra.</source>
        <translation>Each person proves who they are with their own passphrase: so nobody proposes or approves in someone else&apos;s name.</translation>
    </message>
    <message>
        <source>Clave</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Recordarla en este equipo (almacén seguro del sistema)</source>
        <translation>&amp;Remember it on this computer (the system&apos;s secure store)</translation>
    </message>
    <message>
        <source>&amp;Persona:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>&amp;Clave:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Entrar</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Escriba la clave de {login}.</source>
        <translation>Type {login}&apos;s passphrase.</translation>
    </message>
    <message>
        <source>Comprobando la clave…</source>
        <translation>Checking the passphrase…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cuadre — Conciliación CRM ↔ ERP</source>
        <translation>Cuadre — CRM ↔ ERP Reconciliation</translation>
    </message>
    <message>
        <source>&amp;Reconciliar de nuevo</source>
        <translation>&amp;Reconcile again</translation>
    </message>
    <message>
        <source>Vuelve a leer el CRM y el ERP y a conciliar</source>
        <translation>Reads the CRM and the ERP again and reconciles</translation>
    </message>
    <message>
        <source>Reconciliar &amp;todo de nuevo</source>
        <translation>Reconcile &amp;everything again</translation>
    </message>
    <message>
        <source>Vuelve a leer todos los registros del CRM y del ERP, no solo los cambiados, y concilia</source>
        <translation>Reads every record of the CRM and the ERP again, not only the changed ones, and reconciles</translation>
    </message>
    <message>
        <source>Re&amp;generar demo</source>
        <translation>Re&amp;generate demo</translation>
    </message>
    <message>
        <source>Crea de nuevo los datos de demostración y los concilia</source>
        <translation>Creates the demo data again and reconciles it</translation>
    </message>
    <message>
        <source>&amp;Salir</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Buscar…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <source>&amp;Cancelar</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Archivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>C&amp;onexiones…</source>
        <translation>C&amp;onnections…</translation>
    </message>
    <message>
        <source>&amp;Editar</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Ver</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Acciones</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Conteo físico</source>
        <translation>Physical count</translation>
    </message>
    <message>
        <source>Tablero</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>&amp;Tablero</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>Diferencias por sede, seguimientos posventa, embudo por origen, inventario y renovación</source>
        <translation>Differences by branch, after-sales follow-ups, funnel by source, stock and renewal</translation>
    </message>
    <message>
        <source>No se pudo leer: {why}</source>
        <translation>Could not be read: {why}</translation>
    </message>
    <message>
        <source>No se concilió: solo uno de los dos sistemas (o ninguno) trae {entity}.</source>
        <translation>Not reconciled: only one of the two systems (or neither) holds {entity}.</translation>
    </message>
    <message>
        <source>Trabajando…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>El perfil «{name}» ya no existe.</source>
        <translation>The profile “{name}” no longer exists.</translation>
    </message>
    <message>
        <source>Cancelando…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Listo</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Vuelve a leer la demostración y a conciliar</source>
        <translation>Reads the demo again and reconciles</translation>
    </message>
    <message>
        <source>Vuelve a leer el CRM y el ERP del perfil y a conciliar</source>
        <translation>Reads the profile&apos;s CRM and ERP again and reconciles</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Columnas de {file}</source>
        <translation>Columns of {file}</translation>
    </message>
    <message>
        <source>Columnas de «{file}» ({entity})</source>
        <translation>Columns of “{file}” ({entity})</translation>
    </message>
    <message>
        <source>Leyendo el comienzo del archivo…</source>
        <translation>Reading the start of the file…</translation>
    </message>
    <message>
        <source>Primeras filas del archivo</source>
        <translation>First rows of the file</translation>
    </message>
    <message>
        <source>&amp;Aceptar</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Encabezados en la línea {line}. Se muestran las primeras {n} filas; elija para cada campo la columna del archivo que lo trae.</source>
        <translation>Headers on line {line}. The first {n} rows are shown; choose for each field the file&apos;s column that holds it.</translation>
    </message>
    <message>
        <source>El mapeo guardado pedía {headers}, que no están en este archivo.</source>
        <translation>The saved mapping asked for {headers}, which are not in this file.</translation>
    </message>
    <message>
        <source>— sin columna —</source>
        <translation>— no column —</translation>
    </message>
    <message>
        <source>Campo «{code}» de Cuadre</source>
        <translation>Cuadre field “{code}”</translation>
    </message>
    <message>
        <source>* obligatorio (de cada grupo basta uno)</source>
        <translation>* required (one per group is enough)</translation>
    </message>
    <message>
        <source>Falta el campo obligatorio {field}.</source>
        <translation>The required field {field} is missing.</translation>
    </message>
    <message>
        <source>Falta al menos uno de: {fields}.</source>
        <translation>At least one of these is missing: {fields}.</translation>
    </message>
    <message>
        <source>La columna «{header}» está elegida para {fields}: cada columna alimenta un solo campo.</source>
        <translation>The column “{header}” is chosen for {fields}: each column feeds a single field.</translation>
    </message>
    <message>
        <source>Columnas del archivo sin usar: {headers}.</source>
        <translation>File columns not used: {headers}.</translation>
    </message>
    <message>
        <source>Todas las columnas del archivo tienen un campo.</source>
        <translation>Every column of the file has a field.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Fusionar registros duplicados</source>
        <translation>Merge duplicate records</translation>
    </message>
    <message>
        <source>Elija, campo por campo, el valor que queda (Tab pasa al campo siguiente; las flechas, al valor de otro registro).</source>
        <translation>Choose, field by field, the value that stays (Tab moves to the next field; the arrows, to another record&apos;s value).</translation>
    </message>
    <message>
        <source>HubSpot no permite deshacer esta fusión. Cuadre guarda la imagen previa de cada registro (para rehacerlos a mano en HubSpot si hiciera falta) y no la reintenta si falla: una persona decide.</source>
        <translation>HubSpot cannot undo this merge. Cuadre keeps the pre-image of every record (to rebuild them by hand in HubSpot if needed) and does not retry it if it fails: a person decides.</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del {system}</source>
        <translation>Merge {n} records in the {system}</translation>
    </message>
    <message>
        <source>Comentario (opcional): por qué son la misma persona o el mismo vehículo</source>
        <translation>Comment (optional): why they are the same person or the same vehicle</translation>
    </message>
    <message>
        <source>Comentario de la fusión</source>
        <translation>Merge comment</translation>
    </message>
    <message>
        <source>&amp;Comentario:</source>
        <translation>&amp;Comment:</translation>
    </message>
    <message>
        <source>&amp;Proponer fusión</source>
        <translation>&amp;Propose merge</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>queda</source>
        <translation>stays</translation>
    </message>
    <message>
        <source>se va</source>
        <translation>goes</translation>
    </message>
    <message>
        <source>sin fecha</source>
        <translation>no date</translation>
    </message>
    <message>
        <source>Actualizado: {when}</source>
        <translation>Updated: {when}</translation>
    </message>
    <message>
        <source>Registro que queda</source>
        <translation>Record that stays</translation>
    </message>
    <message>
        <source>{field} de {record}: {value}</source>
        <translation>{field} of {record}: {value}</translation>
    </message>
    <message>
        <source>Cambia: antes {old}</source>
        <translation>Changes: was {old}</translation>
    </message>
    <message>
        <source>Sin cambio</source>
        <translation>No change</translation>
    </message>
    <message>
        <source>Registros relacionados ({n})</source>
        <translation>Related records ({n})</translation>
    </message>
    <message>
        <source>Ningún negocio, pago o vehículo queda con otro documento: no hay nada que reasignar.</source>
        <translation>No deal, payment or vehicle is left with another document: there is nothing to reassign.</translation>
    </message>
    <message>
        <source>Bloqueada: {why}</source>
        <translation>Blocked: {why}</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo.</source>
        <translation>There is no workspace store.</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario, en la barra de herramientas).</source>
        <translation>First choose who is working (User, on the toolbar).</translation>
    </message>
    <message>
        <source>Ya hay una fusión de estos registros en curso ({state}): búsquela en Correcciones.</source>
        <translation>A merge of these records is already under way ({state}): find it in Corrections.</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de proponer.</source>
        <translation>Your user does not have the role to propose.</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>El periodo no está certificado: no hay nada que firmar.</source>
        <translation>The period is not certified: there is nothing to sign off.</translation>
    </message>
    <message>
        <source>El periodo no está certificado: no hay nada que reabrir.</source>
        <translation>The period is not certified: there is nothing to reopen.</translation>
    </message>
    <message>
        <source>Cierre del periodo</source>
        <translation>Period close</translation>
    </message>
    <message>
        <source>El mes, como AAAA-MM (2026-11)</source>
        <translation>The month, as YYYY-MM (2026-11)</translation>
    </message>
    <message>
        <source>&amp;Mes:</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <source>&amp;Entidad:</source>
        <translation>&amp;Entity:</translation>
    </message>
    <message>
        <source>&amp;Sede:</source>
        <translation>&amp;Branch:</translation>
    </message>
    <message>
        <source>Hallazgo</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Hallazgos sin cerrar del periodo</source>
        <translation>Open findings of the period</translation>
    </message>
    <message>
        <source>Opcional al certificar y al firmar; obligatorio para reabrir: diga por qué</source>
        <translation>Optional when certifying and signing off; required to reopen: say why</translation>
    </message>
    <message>
        <source>C&amp;omentario:</source>
        <translation>C&amp;omment:</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Hallazgos</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>Certificó</source>
        <translation>Certified by</translation>
    </message>
    <message>
        <source>Firmó</source>
        <translation>Signed off by</translation>
    </message>
    <message>
        <source>Reabierto</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Cierres del espacio de trabajo</source>
        <translation>Closes of the workspace</translation>
    </message>
    <message>
        <source>Doble clic o Entrar: trabajar ese periodo</source>
        <translation>Double-click or Enter: work on that period</translation>
    </message>
    <message>
        <source>&amp;Certificar</source>
        <translation>&amp;Certify</translation>
    </message>
    <message>
        <source>&amp;Firmar</source>
        <translation>&amp;Sign off</translation>
    </message>
    <message>
        <source>&amp;Reabrir</source>
        <translation>&amp;Reopen</translation>
    </message>
    <message>
        <source>Periodo {p} certificado. Falta la firma de otra persona que apruebe.</source>
        <translation>Period {p} certified. It awaits sign-off by another person who approves.</translation>
    </message>
    <message>
        <source>Cierre de {p} firmado.</source>
        <translation>Close of {p} signed off.</translation>
    </message>
    <message>
        <source>Periodo {p} reabierto: sus hallazgos se pueden trabajar de nuevo.</source>
        <translation>Period {p} reopened: its findings can be worked on again.</translation>
    </message>
    <message>
        <source>Todas las sedes</source>
        <translation>All branches</translation>
    </message>
    <message>
        <source>Trabaja como «{login}» en «{ws}».</source>
        <translation>Working as “{login}” in “{ws}”.</translation>
    </message>
    <message>
        <source>Nadie trabaja todavía: elija quién trabaja en «Usuario» para certificar, firmar o reabrir.</source>
        <translation>Nobody is working yet: choose who is working in “User” to certify, sign off or reopen.</translation>
    </message>
    <message>
        <source>Ningún hallazgo en el periodo.</source>
        <translation>No findings in the period.</translation>
    </message>
    <message>
        <source>1 hallazgo en el periodo</source>
        <translation>1 finding in the period</translation>
    </message>
    <message>
        <source>{n} hallazgos en el periodo</source>
        <translation>{n} findings in the period</translation>
    </message>
    <message>
        <source>{total}; {n} sin explicar, corregir, conciliar ni resolver:</source>
        <translation>{total}; {n} not explained, corrected, matched or resolved:</translation>
    </message>
    <message>
        <source>El hallazgo del periodo está explicado, corregido, conciliado o resuelto.</source>
        <translation>The period&apos;s finding is explained, corrected, matched or resolved.</translation>
    </message>
    <message>
        <source>{n} hallazgos en el periodo, ninguno suelto: todos están explicados, corregidos, conciliados o resueltos.</source>
        <translation>{n} findings in the period, none left open: all are explained, corrected, matched or resolved.</translation>
    </message>
    <message>
        <source>Estado del periodo: sin certificar.</source>
        <translation>Period state: not certified.</translation>
    </message>
    <message>
        <source>Estado del periodo: firmado por {s} el {sw}; certificado por {c} el {cw}.</source>
        <translation>Period state: signed off by {s} on {sw}; certified by {c} on {cw}.</translation>
    </message>
    <message>
        <source>Estado del periodo: certificado por {c} el {cw}; pendiente de firma de otra persona que apruebe.</source>
        <translation>Period state: certified by {c} on {cw}; awaiting sign-off by another person who approves.</translation>
    </message>
    <message>
        <source>Todas</source>
        <translation>All</translation>
    </message>
    <message>
        <source>pendiente de firma</source>
        <translation>awaiting sign-off</translation>
    </message>
    <message>
        <source>Leyendo el almacén de trabajo…</source>
        <translation>Reading the workspace store…</translation>
    </message>
    <message>
        <source>Elija un periodo.</source>
        <translation>Choose a period.</translation>
    </message>
    <message>
        <source>Elija quién trabaja («Usuario») para actuar sobre el periodo.</source>
        <translation>Choose who is working (“User”) to act on the period.</translation>
    </message>
    <message>
        <source>«{u}» no propone: certifica una persona con el rol de proponer.</source>
        <translation>“{u}” does not propose: a person with the role to propose certifies.</translation>
    </message>
    <message>
        <source>El periodo ya está certificado.</source>
        <translation>The period is already certified.</translation>
    </message>
    <message>
        <source>El mes {m} aún no termina: se certifica desde el día siguiente a su cierre.</source>
        <translation>The month {m} has not ended yet: it can be certified from the day after it closes.</translation>
    </message>
    <message>
        <source>No se puede certificar: {n} hallazgos siguen sin explicar, corregir, conciliar ni resolver (la lista de arriba).</source>
        <translation>It cannot be certified: {n} findings are still not explained, corrected, matched or resolved (the list above).</translation>
    </message>
    <message>
        <source>No hay nada que firmar: el periodo no está certificado.</source>
        <translation>There is nothing to sign off: the period is not certified.</translation>
    </message>
    <message>
        <source>El cierre ya está firmado.</source>
        <translation>The close is already signed off.</translation>
    </message>
    <message>
        <source>«{u}» no aprueba: firma una persona con el rol de aprobar.</source>
        <translation>“{u}” does not approve: a person with the role to approve signs off.</translation>
    </message>
    <message>
        <source>«{u}» certificó este periodo: lo firma otra persona que apruebe.</source>
        <translation>“{u}” certified this period: another person who approves signs it off.</translation>
    </message>
    <message>
        <source>No hay nada que reabrir: el periodo no está certificado.</source>
        <translation>There is nothing to reopen: the period is not certified.</translation>
    </message>
    <message>
        <source>«{u}» no puede reabrir: hace falta el rol de aprobar o administrar.</source>
        <translation>“{u}” cannot reopen: the role to approve or administer is needed.</translation>
    </message>
    <message>
        <source>Para reabrir, diga por qué en «Comentario».</source>
        <translation>To reopen, say why in “Comment”.</translation>
    </message>
</context>
<context>
    <name>PersonBanner</name>
    <message>
        <source>Para proponer correcciones, elija quién trabaja.</source>
        <translation>To propose corrections, choose who is working.</translation>
    </message>
    <message>
        <source>Elegir persona…</source>
        <translation>Choose person…</translation>
    </message>
    <message>
        <source>Para proponer correcciones hace falta una persona que las firme. Aún no hay ninguna en este espacio de trabajo: la primera será la administradora.</source>
        <translation>Proposing corrections takes a person who signs them. There is none in this workspace yet: the first one will be the administrator.</translation>
    </message>
    <message>
        <source>Crear persona…</source>
        <translation>Create person…</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Identidad fiscal</source>
        <translation>Tax identity</translation>
    </message>
    <message>
        <source>Nombre o razón social</source>
        <translation>Name or company name</translation>
    </message>
    <message>
        <source>Dirección fiscal</source>
        <translation>Tax address</translation>
    </message>
    <message>
        <source>Factura y estado</source>
        <translation>Invoice and status</translation>
    </message>
    <message>
        <source>Contacto</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Preferencias de contacto</source>
        <translation>Contact preferences</translation>
    </message>
    <message>
        <source>Editar perfil de conexión</source>
        <translation>Edit connection profile</translation>
    </message>
    <message>
        <source>Nuevo perfil de conexión</source>
        <translation>New connection profile</translation>
    </message>
    <message>
        <source>p. ej. Concesionario Norte</source>
        <translation>e.g. North Dealership</translation>
    </message>
    <message>
        <source>&amp;Nombre:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;CRM</source>
        <translation>&amp;CRM</translation>
    </message>
    <message>
        <source>&amp;ERP</source>
        <translation>&amp;ERP</translation>
    </message>
    <message>
        <source>C&amp;onciliación</source>
        <translation>Rec&amp;onciliation</translation>
    </message>
    <message>
        <source>Sistema de &amp;registro</source>
        <translation>System of &amp;record</translation>
    </message>
    <message>
        <source>&amp;Guardar</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source> días</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Tolerancia en &amp;pesos:</source>
        <translation>Tolerance in &amp;pesos:</translation>
    </message>
    <message>
        <source>Un pago puede diferir en este valor entre el CRM y el ERP…</source>
        <translation>A payment may differ by this amount between the CRM and the ERP…</translation>
    </message>
    <message>
        <source>Tolerancia relati&amp;va:</source>
        <translation>Relati&amp;ve tolerance:</translation>
    </message>
    <message>
        <source>…o en este porcentaje del valor del ERP, lo que permita más.</source>
        <translation>…or by this percentage of the ERP&apos;s amount, whichever allows more.</translation>
    </message>
    <message>
        <source>Ventana de &amp;fechas:</source>
        <translation>&amp;Date window:</translation>
    </message>
    <message>
        <source>Días que la fecha de un pago puede diferir entre sistemas.</source>
        <translation>Days a payment&apos;s date may differ between the systems.</translation>
    </message>
    <message>
        <source>Enlace &amp;automático desde:</source>
        <translation>&amp;Automatic link from:</translation>
    </message>
    <message>
        <source>Probabilidad desde la que dos clientes se enlazan solos.</source>
        <translation>Probability from which two customers are linked automatically.</translation>
    </message>
    <message>
        <source>Revi&amp;sión desde:</source>
        <translation>Revie&amp;w from:</translation>
    </message>
    <message>
        <source>Probabilidad desde la que un posible enlace se propone para revisar.</source>
        <translation>Probability from which a possible link is proposed for review.</translation>
    </message>
    <message>
        <source>Grupo</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Gana</source>
        <translation>Wins</translation>
    </message>
    <message>
        <source>Otros</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>Sistema de registro de {field}</source>
        <translation>System of record for {field}</translation>
    </message>
    <message>
        <source>Una corrección se propone en la dirección del sistema de registro: el sistema que gana conserva su valor y el otro se corrige.</source>
        <translation>A correction is proposed in the direction of the system of record: the winning system keeps its value and the other one is corrected.</translation>
    </message>
    <message>
        <source>Perfil «{name}» guardado.</source>
        <translation>Profile “{name}” saved.</translation>
    </message>
    <message>
        <source>{who}: el perfil quedó guardado sin credencial; Probar conexión fallará hasta que la guarde.</source>
        <translation>{who}: the profile was saved without a credential; Test connection will fail until you save one.</translation>
    </message>
</context>
<context>
    <name>ProfilePicker</name>
    <message>
        <source>&amp;Perfil:</source>
        <translation>&amp;Profile:</translation>
    </message>
    <message>
        <source>Perfil que se concilia</source>
        <translation>Profile being reconciled</translation>
    </message>
    <message>
        <source>Qué datos concilia la ventana: la demostración o un perfil de Conexiones (Ctrl+K)</source>
        <translation>What the window reconciles: the demo or a profile from Connections (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>ProposalPanel</name>
    <message>
        <source>Corrección propuesta</source>
        <translation>Proposed correction</translation>
    </message>
    <message>
        <source>Comentario (opcional)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Comentario de la decisión</source>
        <translation>Decision comment</translation>
    </message>
    <message>
        <source>&amp;Comentario:</source>
        <translation>&amp;Comment:</translation>
    </message>
    <message>
        <source>Pr&amp;oponer</source>
        <translation>Pr&amp;opose</translation>
    </message>
    <message>
        <source>Editar va&amp;lor…</source>
        <translation>Edit va&amp;lue…</translation>
    </message>
    <message>
        <source>Rec&amp;hazar</source>
        <translation>Re&amp;ject</translation>
    </message>
    <message>
        <source>Apla&amp;zar</source>
        <translation>Defe&amp;r</translation>
    </message>
    <message>
        <source>Proponer &amp;selección…</source>
        <translation>Propose &amp;selection…</translation>
    </message>
    <message>
        <source>&amp;Fusionar…</source>
        <translation>&amp;Merge…</translation>
    </message>
    <message>
        <source>Elegir qué valores quedan y proponer la fusión de los registros duplicados</source>
        <translation>Choose which values stay and propose merging the duplicate records</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Seleccione una diferencia para ver la corrección que Cuadre propone.</source>
        <translation>Select a difference to see the correction Cuadre proposes.</translation>
    </message>
    <message>
        <source>En el {system}, registro {id}:</source>
        <translation>In the {system}, record {id}:</translation>
    </message>
    <message>
        <source>{done}. Véala en Correcciones.</source>
        <translation>{done}. See it in Corrections.</translation>
    </message>
    <message>
        <source>Use «Fusionar…» para elegir qué valores quedan y proponer la fusión.</source>
        <translation>Use “Merge…” to choose which values stay and propose the merge.</translation>
    </message>
    <message>
        <source>Bloqueada: no se puede proponer para enviar.</source>
        <translation>Blocked: it cannot be proposed for pushing.</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo.</source>
        <translation>There is no workspace store.</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario, en la barra de herramientas).</source>
        <translation>First choose who is working (User, on the toolbar).</translation>
    </message>
    <message>
        <source>Seleccione una diferencia.</source>
        <translation>Select a difference.</translation>
    </message>
    <message>
        <source>La corrección ya está {state}.</source>
        <translation>The correction is already {state}.</translation>
    </message>
    <message>
        <source>Ya está propuesta: búsquela en Correcciones.</source>
        <translation>It is already proposed: find it in Corrections.</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de proponer.</source>
        <translation>Your user does not have the role to propose.</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de proponer: no puede registrarla.</source>
        <translation>Your user does not have the role to propose: you cannot record it.</translation>
    </message>
    <message>
        <source>Rechazar requiere el rol de aprobar.</source>
        <translation>Rejecting requires the approver role.</translation>
    </message>
    <message>
        <source>Ya está aplazada.</source>
        <translation>It is already deferred.</translation>
    </message>
    <message>
        <source>Su usuario solo puede consultar.</source>
        <translation>Your user can only consult.</translation>
    </message>
    <message>
        <source>Proponer &amp;selección ({n})…</source>
        <translation>Propose &amp;selection ({n})…</translation>
    </message>
    <message>
        <source>Requiere un usuario con el rol de proponer.</source>
        <translation>Requires a user with the role to propose.</translation>
    </message>
    <message>
        <source>Valor editado: la corrección espera aprobación.</source>
        <translation>Value edited: the correction awaits approval.</translation>
    </message>
    <message>
        <source>Corrección propuesta: espera la aprobación de otra persona.</source>
        <translation>Correction proposed: it awaits another person&apos;s approval.</translation>
    </message>
    <message>
        <source>Corrección rechazada.</source>
        <translation>Correction rejected.</translation>
    </message>
    <message>
        <source>Corrección aplazada.</source>
        <translation>Correction deferred.</translation>
    </message>
    <message>
        <source>No hay nada que proponer en la selección: </source>
        <translation>There is nothing to propose in the selection: </translation>
    </message>
    <message>
        <source>Propuestas {n} correcciones ({f} campos).</source>
        <translation>{n} corrections proposed ({f} fields).</translation>
    </message>
    <message>
        <source>{n} no se pudieron proponer: {why}</source>
        <translation>{n} could not be proposed: {why}</translation>
    </message>
    <message>
        <source>Se propondrán {n} correcciones ({f} campos).</source>
        <translation>{n} corrections will be proposed ({f} fields).</translation>
    </message>
    <message>
        <source>{n} ya estaban propuestas</source>
        <translation>{n} were already proposed</translation>
    </message>
    <message>
        <source>{n} bloqueadas (Ley 1581), no se proponen</source>
        <translation>{n} blocked (Law 1581), not proposed</translation>
    </message>
    <message>
        <source>{n} son notas crédito/débito</source>
        <translation>{n} are credit/debit notes</translation>
    </message>
    <message>
        <source>{n} se revisan a mano</source>
        <translation>{n} are reviewed by hand</translation>
    </message>
    <message>
        <source>Fusión propuesta: espera la aprobación de otra persona en Correcciones.</source>
        <translation>Merge proposed: it awaits another person&apos;s approval in Corrections.</translation>
    </message>
    <message>
        <source>Proponer selección</source>
        <translation>Propose selection</translation>
    </message>
    <message>
        <source>¿Proponerlas ahora?</source>
        <translation>Propose them now?</translation>
    </message>
</context>
<context>
    <name>PushDialog</name>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Enviar correcciones aprobadas</source>
        <translation>Push approved corrections</translation>
    </message>
    <message>
        <source>Enviar a los sistemas de {source}</source>
        <translation>Push to the systems of {source}</translation>
    </message>
    <message>
        <source>Contando lo que espera…</source>
        <translation>Counting what is waiting…</translation>
    </message>
    <message>
        <source>Resultado de cada corrección enviada</source>
        <translation>Result of each correction pushed</translation>
    </message>
    <message>
        <source>&amp;Enviar</source>
        <translation>&amp;Push</translation>
    </message>
    <message>
        <source>&amp;Cancelar envío</source>
        <translation>&amp;Cancel push</translation>
    </message>
    <message>
        <source>Se detiene al terminar la corrección en curso; las demás quedan en cola (Esc)</source>
        <translation>Stops once the correction under way is finished; the others stay queued (Esc)</translation>
    </message>
    <message>
        <source>&amp;Reintentar fallidas</source>
        <translation>&amp;Retry failed</translation>
    </message>
    <message>
        <source>Vuelve a poner en cola las fallidas y las envía</source>
        <translation>Queues the failed ones again and pushes them</translation>
    </message>
    <message>
        <source>Ce&amp;rrar</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo.</source>
        <translation>There is no workspace store.</translation>
    </message>
    <message>
        <source>No queda nada por enviar.</source>
        <translation>Nothing is left to push.</translation>
    </message>
    <message>
        <source>No hay correcciones aprobadas por enviar.</source>
        <translation>There are no approved corrections to push.</translation>
    </message>
    <message>
        <source>{n} aprobada(s)</source>
        <translation>{n} approved</translation>
    </message>
    <message>
        <source>{n} en cola</source>
        <translation>{n} queued</translation>
    </message>
    <message>
        <source>ninguna nueva</source>
        <translation>none new</translation>
    </message>
    <message>
        <source>Quedan por enviar: {what}.</source>
        <translation>Left to push: {what}.</translation>
    </message>
    <message>
        <source>Por enviar: {what}. Cada una se aplica una sola vez, comparando antes con el valor leído al aprobarla.</source>
        <translation>To push: {what}. Each one is applied only once, first compared with the value read when it was approved.</translation>
    </message>
    <message>
        <source>Hay {n} envíos sin confirmar de una sesión anterior: se comprobarán primero.</source>
        <translation>There are {n} unconfirmed pushes from an earlier session: they will be checked first.</translation>
    </message>
    <message>
        <source>Conectando con los sistemas…</source>
        <translation>Connecting to the systems…</translation>
    </message>
    <message>
        <source>Cancelando: se termina la corrección en curso y el resto queda en cola…</source>
        <translation>Cancelling: the correction under way is finished and the rest stay queued…</translation>
    </message>
    <message>
        <source>Enviando: {done} de {total}…</source>
        <translation>Pushing: {done} of {total}…</translation>
    </message>
    <message>
        <source>No se pudo enviar: {why}</source>
        <translation>Could not push: {why}</translation>
    </message>
    <message>
        <source>error desconocido</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <source>Envío cancelado.</source>
        <translation>Push cancelled.</translation>
    </message>
    <message>
        <source>Envío terminado.</source>
        <translation>Push finished.</translation>
    </message>
    <message>
        <source>Envío: {what}</source>
        <translation>Push: {what}</translation>
    </message>
    <message>
        <source>nada pendiente</source>
        <translation>nothing pending</translation>
    </message>
    <message>
        <source>; {n} no se enviaron porque su contenido cambió después de aprobarlas</source>
        <translation>; {n} were not pushed because their content changed after they were approved</translation>
    </message>
    <message>
        <source>; {n} las estaba enviando otra persona</source>
        <translation>; {n} were being pushed by another person</translation>
    </message>
    <message>
        <source>. Cancelado: quedan {n} por enviar</source>
        <translation>. Cancelled: {n} left to push</translation>
    </message>
    <message>
        <source>Las correcciones en conflicto volvieron a la cola de Correcciones con los dos valores, para decidir de nuevo.</source>
        <translation>The corrections in conflict went back to the Corrections queue with both values, to be decided again.</translation>
    </message>
    <message>
        <source>Las fallidas se pueden reintentar.</source>
        <translation>The failed ones can be retried.</translation>
    </message>
    <message>
        <source>Solo un aprobador o un administrador envía correcciones.</source>
        <translation>Only an approver or an administrator pushes corrections.</translation>
    </message>
</context>
<context>
    <name>RenewalView</name>
    <message>
        <source>Clientes con más probabilidad de renovar</source>
        <translation>Customers most likely to renew</translation>
    </message>
    <message>
        <source>Candidatos a renovar</source>
        <translation>Renewal candidates</translation>
    </message>
    <message>
        <source>Por qué</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>{n} clientes con más probabilidad de renovar en {month}. El puntaje (0 a 100) es la suma de las razones de cada uno: edad del vehículo, visitas al taller, último contacto y fin del crédito.</source>
        <translation>{n} customers most likely to renew in {month}. The score (0 to 100) is the sum of each one&apos;s reasons: the vehicle&apos;s age, workshop visits, last contact and the end of the loan.</translation>
    </message>
    <message>
        <source>Seleccione un cliente para ver las razones de su puntaje.</source>
        <translation>Select a customer to see the reasons for their score.</translation>
    </message>
    <message>
        <source>{name}: {score} puntos</source>
        <translation>{name}: {score} points</translation>
    </message>
</context>
<context>
    <name>SideBySidePanel</name>
    <message>
        <source>Registros lado a lado</source>
        <translation>Records side by side</translation>
    </message>
    <message>
        <source>Seleccione una diferencia de la tabla para ver sus registros lado a lado.</source>
        <translation>Select a difference in the table to see its records side by side.</translation>
    </message>
    <message>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>{n} registros del {system} comparten {label} {key}</source>
        <translation>{n} records in the {system} share {label} {key}</translation>
    </message>
    <message>
        <source>{n} registros del {system} parecen la misma persona</source>
        <translation>{n} records in the {system} look like the same person</translation>
    </message>
    <message>
        <source>Se muestran {shown} de {n}.</source>
        <translation>Showing {shown} of {n}.</translation>
    </message>
    <message>
        <source>En juego: {money}</source>
        <translation>At stake: {money}</translation>
    </message>
    <message>
        <source>Duplicado</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>Duplicado probable</source>
        <translation>Probable duplicate</translation>
    </message>
    <message>
        <source>Coincidencia sugerida, a revisar</source>
        <translation>Suggested match, to review</translation>
    </message>
    <message>
        <source>Vinculados por {key}</source>
        <translation>Linked by {key}</translation>
    </message>
    <message>
        <source>Vínculo automático</source>
        <translation>Automatic link</translation>
    </message>
    <message>
        <source>No existe en el {system}</source>
        <translation>Does not exist in the {system}</translation>
    </message>
    <message>
        <source>Sin registro enlazado en el {system}</source>
        <translation>No linked record in the {system}</translation>
    </message>
    <message>
        <source>No se encontró el registro {id}</source>
        <translation>Record {id} was not found</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Los valores difieren</source>
        <translation>The values differ</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <source>Tipo de fuente</source>
        <translation>Source type</translation>
    </message>
    <message>
        <source>Contraseña o token</source>
        <translation>Password or token</translation>
    </message>
    <message>
        <source>Se guarda solo en el almacén seguro del sistema (Administrador de credenciales de Windows, Llavero de macOS o Secret Service), nunca en el perfil.</source>
        <translation>Kept only in the system&apos;s secure store (Windows Credential Manager, macOS Keychain or Secret Service), never in the profile.</translation>
    </message>
    <message>
        <source>&amp;Quitar credencial</source>
        <translation>&amp;Remove credential</translation>
    </message>
    <message>
        <source>Borrar del almacén seguro la credencial de esta fuente</source>
        <translation>Delete this source&apos;s credential from the secure store</translation>
    </message>
    <message>
        <source>Contraseña o to&amp;ken:</source>
        <translation>Password or to&amp;ken:</translation>
    </message>
    <message>
        <source>&amp;Tipo de fuente:</source>
        <translation>Source &amp;type:</translation>
    </message>
    <message>
        <source>Ruta del archivo CSV o Excel (opcional)</source>
        <translation>Path of the CSV or Excel file (optional)</translation>
    </message>
    <message>
        <source>Archivo de {entity}</source>
        <translation>{entity} file</translation>
    </message>
    <message>
        <source>Examinar…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Elegir el archivo de {entity}</source>
        <translation>Choose the {entity} file</translation>
    </message>
    <message>
        <source>Columnas…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <source>Ver las primeras filas y elegir qué columna es cada campo</source>
        <translation>See the first rows and choose which column is each field</translation>
    </message>
    <message>
        <source>postgresql://usuario@servidor:5432/base</source>
        <translation>postgresql://user@server:5432/database</translation>
    </message>
    <message>
        <source>&amp;URL de la base:</source>
        <translation>Database &amp;URL:</translation>
    </message>
    <message>
        <source>Sin contraseña en la URL: va en el campo de credencial. SQLite: sqlite:///C:/ruta/base.sqlite</source>
        <translation>No password in the URL: it goes in the credential field. SQLite: sqlite:///C:/path/database.sqlite</translation>
    </message>
    <message>
        <source>Tabla</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Consulta (solo lectura)</source>
        <translation>Query (read only)</translation>
    </message>
    <message>
        <source>vacío: se busca</source>
        <translation>empty: looked up</translation>
    </message>
    <message>
        <source>SELECT … (opcional)</source>
        <translation>SELECT … (optional)</translation>
    </message>
    <message>
        <source>https://crm.ejemplo.com/api</source>
        <translation>https://crm.example.com/api</translation>
    </message>
    <message>
        <source>solo con autenticación Básica</source>
        <translation>Basic authentication only</translation>
    </message>
    <message>
        <source>&amp;URL base:</source>
        <translation>Base &amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Autenticación:</source>
        <translation>&amp;Authentication:</translation>
    </message>
    <message>
        <source>U&amp;suario:</source>
        <translation>U&amp;ser:</translation>
    </message>
    <message>
        <source>&amp;Paginación:</source>
        <translation>&amp;Paging:</translation>
    </message>
    <message>
        <source>Ruta</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>odoo+https://usuario@servidor/base</source>
        <translation>odoo+https://user@server/database</translation>
    </message>
    <message>
        <source>todas (o los números: 1, 2)</source>
        <translation>all (or the numbers: 1, 2)</translation>
    </message>
    <message>
        <source>&amp;URL de Odoo:</source>
        <translation>Odoo &amp;URL:</translation>
    </message>
    <message>
        <source>Protoco&amp;lo:</source>
        <translation>Protoco&amp;l:</translation>
    </message>
    <message>
        <source>Co&amp;mpañías:</source>
        <translation>Co&amp;mpanies:</translation>
    </message>
    <message>
        <source>odoo:// sin TLS (solo en la red local), odoo+https:// con TLS. La clave de API va en el campo de credencial.</source>
        <translation>odoo:// without TLS (local network only), odoo+https:// with TLS. The API key goes in the credential field.</translation>
    </message>
    <message>
        <source>Las compañías de Odoo se escriben como números separados por comas (1, 2).</source>
        <translation>Odoo companies are written as numbers separated by commas (1, 2).</translation>
    </message>
    <message>
        <source>Escriba primero la fuente.</source>
        <translation>Enter the source first.</translation>
    </message>
    <message>
        <source>Hay una credencial guardada en el almacén seguro. Escriba otra solo para reemplazarla.</source>
        <translation>A credential is saved in the secure store. Enter another one only to replace it.</translation>
    </message>
    <message>
        <source>Falta la credencial: escríbala y se guardará en el almacén seguro del sistema al guardar el perfil.</source>
        <translation>The credential is missing: enter it and it will be saved in the system&apos;s secure store when the profile is saved.</translation>
    </message>
    <message>
        <source>(guardada)</source>
        <translation>(saved)</translation>
    </message>
    <message>
        <source>Se quitó la credencial del almacén seguro.</source>
        <translation>The credential was removed from the secure store.</translation>
    </message>
    <message>
        <source>{n} campos elegidos</source>
        <translation>{n} fields chosen</translation>
    </message>
    <message>
        <source>Cl&amp;ientes</source>
        <translation>Custo&amp;mers</translation>
    </message>
    <message>
        <source>&amp;Pagos</source>
        <translation>&amp;Payments</translation>
    </message>
    <message>
        <source>In&amp;ventario</source>
        <translation>S&amp;tock</translation>
    </message>
    <message>
        <source>Negocio&amp;s</source>
        <translation>Deal&amp;s</translation>
    </message>
    <message>
        <source>Para indicadores (opcional)</source>
        <translation>For indicators (optional)</translation>
    </message>
    <message>
        <source>No se reconcilia: lo leen los indicadores (seguimientos posventa, ROI por origen, inventario). Si falta, el resto funciona igual.</source>
        <translation>Not reconciled: the indicators read it (after-sales follow-ups, ROI by source, stock). If it is missing, the rest works the same.</translation>
    </message>
    <message>
        <source>Exportaciones (*.csv *.txt *.tsv *.xlsx *.xlsm);;Todos los archivos (*)</source>
        <translation>Exports (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <source>cliente</source>
        <translation>customer</translation>
    </message>
    <message>
        <source>clientes</source>
        <translation>customers</translation>
    </message>
    <message>
        <source>pago</source>
        <translation>payment</translation>
    </message>
    <message>
        <source>pagos</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>vehículo</source>
        <translation>vehicle</translation>
    </message>
    <message>
        <source>vehículos</source>
        <translation>vehicles</translation>
    </message>
    <message>
        <source>De dónde vienen los datos que se muestran</source>
        <translation>Where the data shown comes from</translation>
    </message>
    <message>
        <source>Listo</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Detener la tarea en curso (Esc)</source>
        <translation>Stop the task under way (Esc)</translation>
    </message>
    <message>
        <source>Abrir la demo</source>
        <translation>Open the demo</translation>
    </message>
    <message>
        <source>Cuadre</source>
        <translation>Cuadre</translation>
    </message>
    <message>
        <source>Se concilió lo que se pudo leer; esto no se leyó:</source>
        <translation>What could be read was reconciled; this was not read:</translation>
    </message>
    <message>
        <source>No se pudo conciliar el perfil «{name}».</source>
        <translation>The profile “{name}” could not be reconciled.</translation>
    </message>
    <message>
        <source>No se pudo completar la tarea.</source>
        <translation>The task could not be completed.</translation>
    </message>
    <message>
        <source>Avisos al leer</source>
        <translation>Warnings while reading</translation>
    </message>
    <message>
        <source>Estas celdas o columnas no se pudieron leer o no se usaron; el resto de cada fila sí se concilió.</source>
        <translation>These cells or columns could not be read or were not used; the rest of each row was reconciled.</translation>
    </message>
    <message>
        <source>Conciliación parcial: {n} sin leer. {first}</source>
        <translation>Partial reconciliation: {n} not read. {first}</translation>
    </message>
    <message>
        <source>Falló: {message}</source>
        <translation>Failed: {message}</translation>
    </message>
    <message>
        <source>Se conserva la conciliación anterior.</source>
        <translation>The previous reconciliation is kept.</translation>
    </message>
    <message>
        <source>Cancelado. Se conserva la conciliación anterior.</source>
        <translation>Cancelled. The previous reconciliation is kept.</translation>
    </message>
    <message>
        <source>Cancelado.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Trabajando…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Conciliar «{name}»</source>
        <translation>Reconcile “{name}”</translation>
    </message>
    <message>
        <source>Preparando la conciliación…</source>
        <translation>Preparing the reconciliation…</translation>
    </message>
    <message>
        <source>La primera vez se generan los datos de la demo;
tarda unos segundos.</source>
        <translation>The first time, the demo data is generated;
it takes a few seconds.</translation>
    </message>
    <message>
        <source>Leyendo el CRM y el ERP del perfil.</source>
        <translation>Reading the profile&apos;s CRM and ERP.</translation>
    </message>
    <message>
        <source>Todavía no hay una conciliación</source>
        <translation>No reconciliation yet</translation>
    </message>
    <message>
        <source>Abra la demostración para ver cómo Cuadre compara los clientes,
pagos e inventario del CRM y del ERP de un concesionario.</source>
        <translation>Open the demo to see how Cuadre compares a dealership&apos;s customers,
payments and stock in the CRM and in the ERP.</translation>
    </message>
    <message>
        <source>Concilie el perfil para comparar sus clientes, pagos e inventario
del CRM y del ERP (F5). Otro perfil se elige arriba, en «Perfil».</source>
        <translation>Reconcile the profile to compare its customers, payments and stock
in the CRM and the ERP (F5). Another profile is chosen above, in “Profile”.</translation>
    </message>
    <message>
        <source>Cuadre — Conciliación CRM ↔ ERP</source>
        <translation>Cuadre — CRM ↔ ERP Reconciliation</translation>
    </message>
    <message>
        <source>Cuadre — {source}</source>
        <translation>Cuadre — {source}</translation>
    </message>
    <message>
        <source>Perfil «{name}»</source>
        <translation>Profile “{name}”</translation>
    </message>
    <message>
        <source>⚠ 1 aviso al leer</source>
        <translation>⚠ 1 warning while reading</translation>
    </message>
    <message>
        <source>⚠ {n} avisos al leer</source>
        <translation>⚠ {n} warnings while reading</translation>
    </message>
    <message>
        <source>⚠ {file} no tiene columna de identificador: sus registros se nombran por su línea · {more}</source>
        <translation>⚠ {file} has no identifier column: its records are named by their line · {more}</translation>
    </message>
    <message>
        <source>diferencia</source>
        <translation>difference</translation>
    </message>
    <message>
        <source>diferencias</source>
        <translation>differences</translation>
    </message>
    <message>
        <source>Reconciliado: {what} · {n} {noun} · {time}</source>
        <translation>Reconciled: {what} · {n} {noun} · {time}</translation>
    </message>
    <message>
        <source>lectura incremental: 1 registro leído (solo lo cambiado)</source>
        <translation>incremental read: 1 record read (only what changed)</translation>
    </message>
    <message>
        <source>lectura incremental: {n} registros leídos (solo lo cambiado)</source>
        <translation>incremental read: {n} records read (only what changed)</translation>
    </message>
    <message>
        <source>lectura completa</source>
        <translation>full read</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <source>Días en inventario para considerar lenta una unidad</source>
        <translation>Days in stock after which a unit counts as slow</translation>
    </message>
    <message>
        <source>Una unidad disponible con más días en inventario que estos es lenta</source>
        <translation>An available unit with more days in stock than these is slow</translation>
    </message>
    <message>
        <source>&amp;Lenta después de:</source>
        <translation>&amp;Slow after:</translation>
    </message>
    <message>
        <source>S&amp;olo las lentas</source>
        <translation>S&amp;low ones only</translation>
    </message>
    <message>
        <source>Feed de an&amp;uncios…</source>
        <translation>A&amp;ds feed…</translation>
    </message>
    <message>
        <source>Escribe los vehículos disponibles y sin reservar del ERP para el catálogo de Meta o de Google, o las líneas «Quedan N» en CSV, y dice cuáles deja por fuera</source>
        <translation>Writes the ERP&apos;s available, unreserved vehicles for Meta&apos;s or Google&apos;s catalog, or the “N left” lines as CSV, and says which it leaves out</translation>
    </message>
    <message>
        <source>Días en inventario por modelo</source>
        <translation>Days in stock by model</translation>
    </message>
    <message>
        <source>Unidades disponibles por modelo</source>
        <translation>Available units by model</translation>
    </message>
    <message>
        <source>Inventario por VIN</source>
        <translation>Stock by VIN</translation>
    </message>
    <message>
        <source>Disponibles por modelo</source>
        <translation>Available by model</translation>
    </message>
    <message>
        <source>Unidades en inventario</source>
        <translation>Units in stock</translation>
    </message>
    <message>
        <source>Lenta después de</source>
        <translation>Slow after</translation>
    </message>
    <message>
        <source>Solo</source>
        <translation>Only</translation>
    </message>
    <message>
        <source>unidades lentas</source>
        <translation>slow units</translation>
    </message>
    <message>
        <source>{n} unidad en inventario</source>
        <translation>{n} unit in stock</translation>
    </message>
    <message>
        <source>{n} unidades en inventario</source>
        <translation>{n} units in stock</translation>
    </message>
    <message>
        <source>{n} lenta (disponible hace más de {d} días)</source>
        <translation>{n} slow (available for more than {d} days)</translation>
    </message>
    <message>
        <source>{n} lentas (disponibles hace más de {d} días)</source>
        <translation>{n} slow (available for more than {d} days)</translation>
    </message>
    <message>
        <source>{n} sin fecha de ingreso</source>
        <translation>{n} without a date received</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Resumen por tipo</source>
        <translation>Summary by kind</translation>
    </message>
    <message>
        <source>Resumen por tipo de diferencia</source>
        <translation>Summary by kind of difference</translation>
    </message>
    <message>
        <source>Se cuentan como diferencias, pero no están en juego: el valor es el mismo en los dos sistemas (cambia la fecha o el cliente).</source>
        <translation>Counted as differences, but not at stake: the amount is the same in both systems (the date or the customer changes).</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Total: {n} diferencias · {stake} en juego</source>
        <translation>Total: {n} differences · {stake} at stake</translation>
    </message>
    <message>
        <source>Total: {n} diferencias</source>
        <translation>Total: {n} differences</translation>
    </message>
    <message>
        <source>Aparte, no en juego:</source>
        <translation>Apart, not at stake:</translation>
    </message>
    <message>
        <source>{label}: {money}</source>
        <translation>{label}: {money}</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Diferencias por tipo y sede</source>
        <translation>Differences by kind and branch</translation>
    </message>
    <message>
        <source>Tendencia de las conciliaciones guardadas</source>
        <translation>Trend of the saved reconciliations</translation>
    </message>
    <message>
        <source>La tendencia aparece cuando haya conciliaciones guardadas de este espacio de trabajo: cada conciliación que se guarda suma un punto.</source>
        <translation>The trend appears once this workspace has saved reconciliations: each reconciliation saved adds a point.</translation>
    </message>
    <message>
        <source>{n} diferencias · {stake} en juego</source>
        <translation>{n} differences · {stake} at stake</translation>
    </message>
    <message>
        <source>{apart} aparte (fecha o cliente distinto, no en juego)</source>
        <translation>{apart} apart (different date or customer, not at stake)</translation>
    </message>
    <message>
        <source>{figures} · {b} sedes · {runs}</source>
        <translation>{figures} · {b} branches · {runs}</translation>
    </message>
    <message>
        <source>sin conciliaciones guardadas</source>
        <translation>no saved reconciliations</translation>
    </message>
    <message>
        <source>{n} conciliación guardada</source>
        <translation>{n} saved reconciliation</translation>
    </message>
    <message>
        <source>{n} conciliaciones guardadas</source>
        <translation>{n} saved reconciliations</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <source>E&amp;xportar a Excel…</source>
        <translation>E&amp;xport to Excel…</translation>
    </message>
    <message>
        <source>Guarda en un archivo XLSX las filas que muestra la tabla, con sus filtros</source>
        <translation>Saves the rows the table shows, with its filters, to an XLSX file</translation>
    </message>
    <message>
        <source>No hay una tabla a la vista para exportar.</source>
        <translation>There is no table in view to export.</translation>
    </message>
    <message>
        <source>Ya se está exportando una tabla; espere a que termine.</source>
        <translation>A table is already being exported; wait for it to finish.</translation>
    </message>
    <message>
        <source>La tabla no muestra filas: no hay nada que exportar.</source>
        <translation>The table shows no rows: there is nothing to export.</translation>
    </message>
    <message>
        <source>Exportando {n} filas a {name}…</source>
        <translation>Exporting {n} rows to {name}…</translation>
    </message>
    <message>
        <source>Exportar a Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Libro de Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Cuadre</source>
        <translation>Cuadre</translation>
    </message>
    <message>
        <source>No se pudo exportar la tabla a Excel.</source>
        <translation>The table could not be exported to Excel.</translation>
    </message>
    <message>
        <source>Exportada {n} fila a {path}.</source>
        <translation>{n} row exported to {path}.</translation>
    </message>
    <message>
        <source>Exportadas {n} filas a {path}.</source>
        <translation>{n} rows exported to {path}.</translation>
    </message>
    <message>
        <source>No se pudo exportar: {why}</source>
        <translation>Could not export: {why}</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Usuario y personas</source>
        <translation>User and people</translation>
    </message>
    <message>
        <source>Cada persona entra con su propia clave: indica quién propone y quién aprueba cada corrección. Quien propone una corrección no puede aprobarla.</source>
        <translation>Each person signs in with their own passphrase: it says who proposes and who approves each correction. Whoever proposes a correction cannot approve it.</translation>
    </message>
    <message>
        <source>Personas del espacio de trabajo</source>
        <translation>People in the workspace</translation>
    </message>
    <message>
        <source>&amp;Trabajar como esta persona</source>
        <translation>&amp;Work as this person</translation>
    </message>
    <message>
        <source>p. ej. mgarcia</source>
        <translation>e.g. mgarcia</translation>
    </message>
    <message>
        <source>p. ej. María García</source>
        <translation>e.g. María García</translation>
    </message>
    <message>
        <source>&amp;Usuario:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Nombre:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Clave inicial:</source>
        <translation>Initial &amp;passphrase:</translation>
    </message>
    <message>
        <source>Re&amp;pítala:</source>
        <translation>Re&amp;peat it:</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>Roles:</translation>
    </message>
    <message>
        <source>&amp;Agregar persona</source>
        <translation>&amp;Add person</translation>
    </message>
    <message>
        <source>Primera persona: será la administradora</source>
        <translation>First person: will be the administrator</translation>
    </message>
    <message>
        <source>Agregar una persona (solo administradores)</source>
        <translation>Add a person (administrators only)</translation>
    </message>
    <message>
        <source>Las dos claves no coinciden.</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>Escriba su clave inicial (al menos 10 caracteres): la persona la cambia después.</source>
        <translation>Type their initial passphrase (at least 10 characters): the person changes it afterwards.</translation>
    </message>
</context>
<context>
    <name>UserSelector</name>
    <message>
        <source>Quién trabaja: cada persona entra con su propia clave</source>
        <translation>Who works: each person signs in with their own passphrase</translation>
    </message>
    <message>
        <source>&amp;Usuario:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>Personas…</source>
        <translation>People…</translation>
    </message>
    <message>
        <source>Nadie (cree la primera persona)</source>
        <translation>Nobody (create the first person)</translation>
    </message>
    <message>
        <source>— elija —</source>
        <translation>— choose —</translation>
    </message>
</context>
<context>
    <name>VinDialog</name>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Vehículo</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Negocio</source>
        <translation>Deal</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Asesor</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Entregado</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>¿Dónde está este VIN?</source>
        <translation>Where is this VIN?</translation>
    </message>
    <message>
        <source>Lectura cancelada.</source>
        <translation>Reading cancelled.</translation>
    </message>
    <message>
        <source>VIN, o sus últimos 6 a 8 caracteres</source>
        <translation>VIN, or its last 6 to 8 characters</translation>
    </message>
    <message>
        <source>Escriba el VIN o su final y pulse Enter</source>
        <translation>Type the VIN or its end and press Enter</translation>
    </message>
    <message>
        <source>&amp;Buscar</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Actualizar</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Leer este VIN otra vez en el CRM y el ERP</source>
        <translation>Read this VIN again in the CRM and the ERP</translation>
    </message>
    <message>
        <source>&amp;Cancelar lectura</source>
        <translation>&amp;Cancel reading</translation>
    </message>
    <message>
        <source>&amp;VIN:</source>
        <translation>&amp;VIN:</translation>
    </message>
    <message>
        <source>Enter o doble clic: ver el hallazgo en su pestaña</source>
        <translation>Enter or double click: see the finding in its tab</translation>
    </message>
    <message>
        <source>No hay un espacio de trabajo abierto: pulse «Actualizar» para leer el VIN en los dos sistemas.</source>
        <translation>No workspace is open: press “Refresh” to read the VIN in both systems.</translation>
    </message>
    <message>
        <source>Buscando…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Leyendo el VIN en el CRM y el ERP…</source>
        <translation>Reading the VIN in the CRM and the ERP…</translation>
    </message>
    <message>
        <source> Elija uno de la lista (Enter o doble clic).</source>
        <translation> Choose one from the list (Enter or double click).</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>no lo tiene</source>
        <translation>does not have it</translation>
    </message>
    <message>
        <source>VIN {vin}: leído en vivo en los dos sistemas el {moment}.</source>
        <translation>VIN {vin}: read live in both systems on {moment}.</translation>
    </message>
    <message>
        <source>VIN {vin}: según la conciliación guardada de «{workspace}» del {moment}.</source>
        <translation>VIN {vin}: according to the saved reconciliation of “{workspace}” of {moment}.</translation>
    </message>
    <message>
        <source>Conteo físico: no aparece en los conteos guardados.</source>
        <translation>Physical count: not in the saved counts.</translation>
    </message>
    <message>
        <source>Conteo físico: contado en {branch} el {moment}.</source>
        <translation>Physical count: counted at {branch} on {moment}.</translation>
    </message>
    <message>
        <source>Lo contó {who}.</source>
        <translation>Counted by {who}.</translation>
    </message>
    <message>
        <source>Hallazgos abiertos: ninguno.</source>
        <translation>Open findings: none.</translation>
    </message>
    <message>
        <source>Hallazgos abiertos: {n}</source>
        <translation>Open findings: {n}</translation>
    </message>
    <message>
        <source>Hallazgo</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Días</source>
        <translation>Days</translation>
    </message>
</context>
<context>
    <name>WriteBackWindow</name>
    <message>
        <source>&amp;Enviar aprobadas…</source>
        <translation>&amp;Push approved…</translation>
    </message>
    <message>
        <source>Envía las correcciones aprobadas al CRM y al ERP, una por una</source>
        <translation>Pushes the approved corrections to the CRM and the ERP, one by one</translation>
    </message>
    <message>
        <source>Exportar datos del &amp;titular…</source>
        <translation>Export data &amp;subject&apos;s information…</translation>
    </message>
    <message>
        <source>Exporta a JSON todo lo que Cuadre tiene de un número de documento (Ley 1581)</source>
        <translation>Exports to JSON everything Cuadre holds on a document number (Law 1581)</translation>
    </message>
    <message>
        <source>Correcciones</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>&amp;Correcciones</source>
        <translation>&amp;Corrections</translation>
    </message>
    <message>
        <source>La cola de correcciones: aprobar, rechazar; notas crédito/débito</source>
        <translation>The corrections queue: approve, reject; credit/debit notes</translation>
    </message>
    <message>
        <source>&amp;Auditoría…</source>
        <translation>&amp;Audit…</translation>
    </message>
    <message>
        <source>El registro de auditoría: filtrar, verificar la cadena y exportar</source>
        <translation>The audit trail: filter, verify the chain and export</translation>
    </message>
    <message>
        <source>Cierre del &amp;periodo…</source>
        <translation>&amp;Period closing…</translation>
    </message>
    <message>
        <source>Certificar y firmar la conciliación de un mes: sede y entidad</source>
        <translation>Certify and sign off a month&apos;s reconciliation: branch and entity</translation>
    </message>
    <message>
        <source>¿&amp;Dónde está este VIN?…</source>
        <translation>&amp;Where is this VIN?…</translation>
    </message>
    <message>
        <source>Un VIN en el CRM, el ERP y el último conteo, con sus hallazgos abiertos</source>
        <translation>One VIN in the CRM, the ERP and the last count, with its open findings</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario).</source>
        <translation>First choose who is working (User).</translation>
    </message>
    <message>
        <source>Solo un aprobador o un administrador envía correcciones.</source>
        <translation>Only an approver or an administrator pushes corrections.</translation>
    </message>
    <message>
        <source>No hay correcciones aprobadas por enviar.</source>
        <translation>There are no approved corrections to push.</translation>
    </message>
    <message>
        <source>Enviar las correcciones aprobadas (Ctrl+Shift+E)</source>
        <translation>Push the approved corrections (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Auditoría (Ctrl+Shift+A)</source>
        <translation>Audit (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario): cualquier rol puede leer la auditoría.</source>
        <translation>First choose who is working (User): any role can read the audit trail.</translation>
    </message>
    <message>
        <source>Cierre del periodo (Ctrl+Shift+P)</source>
        <translation>Period closing (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario): certifica quien propone y firma otra persona que aprueba.</source>
        <translation>First choose who is working (User): a proposer certifies and another person who approves signs off.</translation>
    </message>
    <message>
        <source>la demostración</source>
        <translation>the demo</translation>
    </message>
    <message>
        <source>El perfil «{name}» ya no existe.</source>
        <translation>The profile “{name}” no longer exists.</translation>
    </message>
    <message>
        <source>el perfil «{name}»</source>
        <translation>the profile “{name}”</translation>
    </message>
    <message>
        <source>No hay un espacio de trabajo abierto: el cierre de un periodo se guarda en él.</source>
        <translation>No workspace is open: a period closing is saved in it.</translation>
    </message>
    <message>
        <source>Ese hallazgo no está en la conciliación en pantalla: reconcilie esta fuente (F5) para verlo en su pestaña.</source>
        <translation>That finding is not in the reconciliation on screen: reconcile this source (F5) to see it in its tab.</translation>
    </message>
    <message>
        <source>Concilie primero: la exportación usa los datos de los dos sistemas.</source>
        <translation>Reconcile first: the export uses the data of both systems.</translation>
    </message>
    <message>
        <source>«{doc}» no es un número de documento.</source>
        <translation>“{doc}” is not a document number.</translation>
    </message>
    <message>
        <source>Exportando los datos del titular {doc}…</source>
        <translation>Exporting the data of subject {doc}…</translation>
    </message>
    <message>
        <source>Exportar datos del titular</source>
        <translation>Export data subject&apos;s information</translation>
    </message>
    <message>
        <source>Número de documento (cédula o NIT) del titular:</source>
        <translation>Document number (cédula or NIT) of the data subject:</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Datos del titular exportados a {path}.</source>
        <translation>Data subject&apos;s information exported to {path}.</translation>
    </message>
    <message>
        <source>No se pudo exportar los datos del titular: {why}</source>
        <translation>The data subject&apos;s information could not be exported: {why}</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Clientes</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Pagos</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Inventario</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Negocios</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Visitas al taller</source>
        <translation>Workshop visits</translation>
    </message>
    <message>
        <source>SOAT, seguros y créditos</source>
        <translation>SOAT, insurance and loans</translation>
    </message>
    <message>
        <source>Seguimientos</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>cliente</source>
        <translation>customer</translation>
    </message>
    <message>
        <source>clientes</source>
        <translation>customers</translation>
    </message>
    <message>
        <source>pago</source>
        <translation>payment</translation>
    </message>
    <message>
        <source>pagos</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>vehículo</source>
        <translation>vehicle</translation>
    </message>
    <message>
        <source>vehículos</source>
        <translation>vehicles</translation>
    </message>
    <message>
        <source>negocio</source>
        <translation>deal</translation>
    </message>
    <message>
        <source>negocios</source>
        <translation>deals</translation>
    </message>
    <message>
        <source>factura</source>
        <translation>invoice</translation>
    </message>
    <message>
        <source>facturas</source>
        <translation>invoices</translation>
    </message>
    <message>
        <source>visita al taller</source>
        <translation>workshop visit</translation>
    </message>
    <message>
        <source>visitas al taller</source>
        <translation>workshop visits</translation>
    </message>
    <message>
        <source>contrato</source>
        <translation>contract</translation>
    </message>
    <message>
        <source>contratos</source>
        <translation>contracts</translation>
    </message>
    <message>
        <source>seguimiento</source>
        <translation>follow-up</translation>
    </message>
    <message>
        <source>seguimientos</source>
        <translation>follow-ups</translation>
    </message>
    <message>
        <source>Solo en el CRM</source>
        <translation>Only in the CRM</translation>
    </message>
    <message>
        <source>Solo en el ERP</source>
        <translation>Only in the ERP</translation>
    </message>
    <message>
        <source>Nombre distinto</source>
        <translation>Different name</translation>
    </message>
    <message>
        <source>Teléfono distinto</source>
        <translation>Different phone</translation>
    </message>
    <message>
        <source>Correo distinto</source>
        <translation>Different e-mail</translation>
    </message>
    <message>
        <source>Ciudad distinta</source>
        <translation>Different city</translation>
    </message>
    <message>
        <source>Posible coincidencia (revisar)</source>
        <translation>Possible match (review)</translation>
    </message>
    <message>
        <source>Documento duplicado</source>
        <translation>Duplicate document</translation>
    </message>
    <message>
        <source>Posible duplicado</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Dígito de verificación inválido</source>
        <translation>Invalid check digit</translation>
    </message>
    <message>
        <source>Falta Cédula/NIT</source>
        <translation>Missing Cédula/NIT</translation>
    </message>
    <message>
        <source>Falta Ciudad</source>
        <translation>Missing City</translation>
    </message>
    <message>
        <source>Falta Teléfono</source>
        <translation>Missing Phone</translation>
    </message>
    <message>
        <source>Pagado en CRM sin recibo en ERP</source>
        <translation>Paid in CRM without a receipt in ERP</translation>
    </message>
    <message>
        <source>Recibo en ERP sin pago en CRM</source>
        <translation>Receipt in ERP without a payment in CRM</translation>
    </message>
    <message>
        <source>Valor distinto</source>
        <translation>Different amount</translation>
    </message>
    <message>
        <source>Fecha distinta</source>
        <translation>Different date</translation>
    </message>
    <message>
        <source>Cliente distinto</source>
        <translation>Different customer</translation>
    </message>
    <message>
        <source>Recibo duplicado</source>
        <translation>Duplicate receipt</translation>
    </message>
    <message>
        <source>Vendido en CRM, disponible en ERP</source>
        <translation>Sold in CRM, available in ERP</translation>
    </message>
    <message>
        <source>Reservado para otro cliente</source>
        <translation>Reserved for another customer</translation>
    </message>
    <message>
        <source>Sede distinta</source>
        <translation>Different branch</translation>
    </message>
    <message>
        <source>VIN inválido</source>
        <translation>Invalid VIN</translation>
    </message>
    <message>
        <source>VIN duplicado</source>
        <translation>Duplicate VIN</translation>
    </message>
    <message>
        <source>No está en el patio</source>
        <translation>Not on the lot</translation>
    </message>
    <message>
        <source>En el patio, no en inventario del ERP</source>
        <translation>On the lot, not in the ERP&apos;s stock</translation>
    </message>
    <message>
        <source>En otra sede según el ERP</source>
        <translation>At another branch according to the ERP</translation>
    </message>
    <message>
        <source>VIN contado inválido</source>
        <translation>Invalid counted VIN</translation>
    </message>
    <message>
        <source>Contado más de una vez</source>
        <translation>Counted more than once</translation>
    </message>
    <message>
        <source>Monto con fecha distinta</source>
        <translation>Amount with a different date</translation>
    </message>
    <message>
        <source>Monto con cliente distinto</source>
        <translation>Amount with a different customer</translation>
    </message>
    <message>
        <source>Id en el sistema</source>
        <translation>Id in the system</translation>
    </message>
    <message>
        <source>Tipo de documento</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Cédula/NIT</source>
        <translation>Cédula/NIT</translation>
    </message>
    <message>
        <source>DV</source>
        <translation>Check digit</translation>
    </message>
    <message>
        <source>Nombres</source>
        <translation>First names</translation>
    </message>
    <message>
        <source>Apellidos</source>
        <translation>Last names</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Código DIVIPOLA</source>
        <translation>DIVIPOLA code</translation>
    </message>
    <message>
        <source>Ciudad</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Dirección</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Autorización de datos</source>
        <translation>Data consent</translation>
    </message>
    <message>
        <source>Fecha de autorización</source>
        <translation>Consent date</translation>
    </message>
    <message>
        <source>Canal de autorización</source>
        <translation>Consent channel</translation>
    </message>
    <message>
        <source>Reclamo en trámite</source>
        <translation>Claim in progress</translation>
    </message>
    <message>
        <source>Es cliente</source>
        <translation>Is a customer</translation>
    </message>
    <message>
        <source>Actualizado</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Recibo</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>CUFE</source>
        <translation>CUFE</translation>
    </message>
    <message>
        <source>Documento del cliente</source>
        <translation>Customer&apos;s document</translation>
    </message>
    <message>
        <source>Valor</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Moneda</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Fecha de pago</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>Medio de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Negocio</source>
        <translation>Deal</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Marca</source>
        <translation>Make</translation>
    </message>
    <message>
        <source>Línea</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Modelo (año)</source>
        <translation>Model year</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Fecha de entrega</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>Fecha de ingreso al inventario</source>
        <translation>Date received into stock</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Origen del prospecto</source>
        <translation>Lead source</translation>
    </message>
    <message>
        <source>Asesor comercial</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <source>Fecha de cierre</source>
        <translation>Close date</translation>
    </message>
    <message>
        <source>Fecha de creación</source>
        <translation>Creation date</translation>
    </message>
    <message>
        <source>Fecha de factura</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Fecha de visita</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>Kilometraje</source>
        <translation>Mileage (km)</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Inicio</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Vence</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Fecha del seguimiento</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Aniversario de entrega</source>
        <translation>Delivery anniversary</translation>
    </message>
    <message>
        <source>Primer servicio (5.000 km)</source>
        <translation>First service (5,000 km)</translation>
    </message>
    <message>
        <source>Renovación del SOAT</source>
        <translation>SOAT renewal</translation>
    </message>
    <message>
        <source>Renovación del seguro</source>
        <translation>Insurance renewal</translation>
    </message>
    <message>
        <source>Renovación del vehículo</source>
        <translation>Vehicle renewal</translation>
    </message>
    <message>
        <source>Otro</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>Disponible</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Reservado</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <source>Vendido</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Entregado</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>En tránsito</source>
        <translation>In transit</translation>
    </message>
    <message>
        <source>Demostración</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Contabilizado</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>Prospecto</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Prueba de manejo</source>
        <translation>Test drive</translation>
    </message>
    <message>
        <source>Negociación</source>
        <translation>Negotiation</translation>
    </message>
    <message>
        <source>Perdido</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Propuesta</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Aprobada</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rechazada</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Aplazada</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <source>En cola</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>En envío</source>
        <translation>Being pushed</translation>
    </message>
    <message>
        <source>Aplicada</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>En conflicto</source>
        <translation>In conflict</translation>
    </message>
    <message>
        <source>Fallida</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Resultado desconocido</source>
        <translation>Unknown result</translation>
    </message>
    <message>
        <source>propuesta</source>
        <translation>proposed</translation>
    </message>
    <message>
        <source>aprobada</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>rechazada</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>aplazada</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>en cola</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>en envío</source>
        <translation>being pushed</translation>
    </message>
    <message>
        <source>aplicada</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>en conflicto</source>
        <translation>in conflict</translation>
    </message>
    <message>
        <source>fallida</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>con resultado desconocido</source>
        <translation>with an unknown result</translation>
    </message>
    <message>
        <source>rechazada por el sistema</source>
        <translation>rejected by the system</translation>
    </message>
    <message>
        <source>aplicadas</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>rechazadas por el sistema</source>
        <translation>rejected by the system</translation>
    </message>
    <message>
        <source>fallidas</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>propuesto</source>
        <translation>proposed</translation>
    </message>
    <message>
        <source>aplazado</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>aprobado</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>ya creado en el CRM</source>
        <translation>already created in the CRM</translation>
    </message>
    <message>
        <source>con envío sin confirmar</source>
        <translation>with an unconfirmed push</translation>
    </message>
    <message>
        <source>con envío fallido</source>
        <translation>with a failed push</translation>
    </message>
    <message>
        <source>propone</source>
        <translation>proposes</translation>
    </message>
    <message>
        <source>aprueba</source>
        <translation>approves</translation>
    </message>
    <message>
        <source>audita</source>
        <translation>audits</translation>
    </message>
    <message>
        <source>administra</source>
        <translation>administers</translation>
    </message>
    <message>
        <source>proponer</source>
        <translation>propose</translation>
    </message>
    <message>
        <source>aprobar</source>
        <translation>approve</translation>
    </message>
    <message>
        <source>auditar</source>
        <translation>audit</translation>
    </message>
    <message>
        <source>administrar</source>
        <translation>administer</translation>
    </message>
    <message>
        <source>longitud distinta de 17</source>
        <translation>length other than 17</translation>
    </message>
    <message>
        <source>caracteres no permitidos (I, O, Q u otros)</source>
        <translation>characters not allowed (I, O, Q or others)</translation>
    </message>
    <message>
        <source>dígito de control (posición 9) incorrecto</source>
        <translation>wrong check digit (position 9)</translation>
    </message>
    <message>
        <source>vacío</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>número no válido</source>
        <translation>not a valid number</translation>
    </message>
    <message>
        <source>Abierta</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Asignada</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Explicada</source>
        <translation>Explained</translation>
    </message>
    <message>
        <source>Con corrección propuesta</source>
        <translation>With correction proposed</translation>
    </message>
    <message>
        <source>Con corrección aprobada</source>
        <translation>With correction approved</translation>
    </message>
    <message>
        <source>Con corrección enviada</source>
        <translation>With correction pushed</translation>
    </message>
    <message>
        <source>Conciliada a mano</source>
        <translation>Matched by hand</translation>
    </message>
    <message>
        <source>Resuelta</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>abierta</source>
        <translation>open</translation>
    </message>
    <message>
        <source>asignada</source>
        <translation>assigned</translation>
    </message>
    <message>
        <source>explicada</source>
        <translation>explained</translation>
    </message>
    <message>
        <source>con corrección propuesta</source>
        <translation>with correction proposed</translation>
    </message>
    <message>
        <source>con corrección aprobada</source>
        <translation>with correction approved</translation>
    </message>
    <message>
        <source>con corrección enviada</source>
        <translation>with correction pushed</translation>
    </message>
    <message>
        <source>conciliada a mano</source>
        <translation>matched by hand</translation>
    </message>
    <message>
        <source>resuelta</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>Pago en tránsito</source>
        <translation>Payment in transit</translation>
    </message>
    <message>
        <source>Redondeo</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <source>Comisión bancaria</source>
        <translation>Bank fee</translation>
    </message>
    <message>
        <source>Retención</source>
        <translation>Withholding</translation>
    </message>
    <message>
        <source>Anticipo</source>
        <translation>Advance</translation>
    </message>
    <message>
        <source>Error de digitación</source>
        <translation>Typing error</translation>
    </message>
    <message>
        <source>Duplicado conocido</source>
        <translation>Known duplicate</translation>
    </message>
    <message>
        <source>pago en tránsito</source>
        <translation>payment in transit</translation>
    </message>
    <message>
        <source>redondeo</source>
        <translation>rounding</translation>
    </message>
    <message>
        <source>comisión bancaria</source>
        <translation>bank fee</translation>
    </message>
    <message>
        <source>retención</source>
        <translation>withholding</translation>
    </message>
    <message>
        <source>anticipo</source>
        <translation>advance</translation>
    </message>
    <message>
        <source>error de digitación</source>
        <translation>typing error</translation>
    </message>
    <message>
        <source>duplicado conocido</source>
        <translation>known duplicate</translation>
    </message>
    <message>
        <source>otro</source>
        <translation>other</translation>
    </message>
    <message>
        <source>misma factura</source>
        <translation>same invoice</translation>
    </message>
    <message>
        <source>factura parecida ({value})</source>
        <translation>similar invoice ({value})</translation>
    </message>
    <message>
        <source>recibo parecido ({value})</source>
        <translation>similar receipt ({value})</translation>
    </message>
    <message>
        <source>mismo cliente</source>
        <translation>same customer</translation>
    </message>
    <message>
        <source>mismo valor</source>
        <translation>same amount</translation>
    </message>
    <message>
        <source>valor cercano (diferencia {value})</source>
        <translation>close amount (difference {value})</translation>
    </message>
    <message>
        <source>misma fecha</source>
        <translation>same date</translation>
    </message>
    <message>
        <source>fecha a {value} días</source>
        <translation>date {value} days apart</translation>
    </message>
    <message>
        <source>misma sede</source>
        <translation>same branch</translation>
    </message>
    <message>
        <source>mismo documento</source>
        <translation>same document</translation>
    </message>
    <message>
        <source>documento parecido ({value})</source>
        <translation>similar document ({value})</translation>
    </message>
    <message>
        <source>nombre parecido</source>
        <translation>similar name</translation>
    </message>
    <message>
        <source>mismo teléfono</source>
        <translation>same phone</translation>
    </message>
    <message>
        <source>mismo correo</source>
        <translation>same e-mail</translation>
    </message>
    <message>
        <source>misma ciudad</source>
        <translation>same city</translation>
    </message>
    <message>
        <source>VIN parecido ({value})</source>
        <translation>similar VIN ({value})</translation>
    </message>
    <message>
        <source>misma marca, línea y modelo</source>
        <translation>same make, model and year</translation>
    </message>
    <message>
        <source>mismo color</source>
        <translation>same colour</translation>
    </message>
    <message>
        <source>Certificado</source>
        <translation>Certified</translation>
    </message>
    <message>
        <source>Firmado</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>Reabierto</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Hallazgos de la conciliación</source>
        <translation>Reconciliation findings</translation>
    </message>
    <message>
        <source>Hallazgo asignado</source>
        <translation>Finding assigned</translation>
    </message>
    <message>
        <source>Hallazgo explicado</source>
        <translation>Finding explained</translation>
    </message>
    <message>
        <source>Hallazgo reabierto</source>
        <translation>Finding reopened</translation>
    </message>
    <message>
        <source>Conciliado a mano</source>
        <translation>Matched by hand</translation>
    </message>
    <message>
        <source>Conciliación a mano deshecha</source>
        <translation>Manual match undone</translation>
    </message>
    <message>
        <source>Conciliación a mano caducada</source>
        <translation>Manual match lapsed</translation>
    </message>
    <message>
        <source>Periodo certificado</source>
        <translation>Period certified</translation>
    </message>
    <message>
        <source>Cierre firmado</source>
        <translation>Close signed off</translation>
    </message>
    <message>
        <source>Periodo reabierto</source>
        <translation>Period reopened</translation>
    </message>
    <message>
        <source>Editada</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Editada (anula la aprobación)</source>
        <translation>Edited (voids the approval)</translation>
    </message>
    <message>
        <source>Vuelve a decisión</source>
        <translation>Back to decision</translation>
    </message>
    <message>
        <source>Propuesta para deshacer</source>
        <translation>Proposed to undo</translation>
    </message>
    <message>
        <source>Seguimiento propuesto</source>
        <translation>Follow-up proposed</translation>
    </message>
    <message>
        <source>En cola para enviar</source>
        <translation>Queued to push</translation>
    </message>
    <message>
        <source>Envío intentado</source>
        <translation>Push attempted</translation>
    </message>
    <message>
        <source>Aplicada en el sistema</source>
        <translation>Applied in the system</translation>
    </message>
    <message>
        <source>Conflicto con el sistema</source>
        <translation>Conflict with the system</translation>
    </message>
    <message>
        <source>Rechazada por el sistema</source>
        <translation>Rejected by the system</translation>
    </message>
    <message>
        <source>Envío fallido</source>
        <translation>Push failed</translation>
    </message>
    <message>
        <source>Reintento programado</source>
        <translation>Retry scheduled</translation>
    </message>
    <message>
        <source>Vuelve a la cola</source>
        <translation>Back in the queue</translation>
    </message>
    <message>
        <source>No enviada (contenido alterado)</source>
        <translation>Not pushed (content altered)</translation>
    </message>
    <message>
        <source>Fusión enviada</source>
        <translation>Merge pushed</translation>
    </message>
    <message>
        <source>Persona registrada</source>
        <translation>Person registered</translation>
    </message>
    <message>
        <source>Conciliación guardada</source>
        <translation>Reconciliation saved</translation>
    </message>
    <message>
        <source>Almacén actualizado</source>
        <translation>Store upgraded</translation>
    </message>
    <message>
        <source>Hallazgos al día</source>
        <translation>Findings up to date</translation>
    </message>
    <message>
        <source>Periodo firmado</source>
        <translation>Period signed off</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source>{n} día de diferencia</source>
        <translation>{n} day apart</translation>
    </message>
    <message>
        <source>{n} días de diferencia</source>
        <translation>{n} days apart</translation>
    </message>
    <message>
        <source>el DV correcto es {dv}</source>
        <translation>the correct check digit is {dv}</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Trabajando</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>No se encontró un archivo o carpeta que la tarea necesita.</source>
        <translation>A file or folder the task needs was not found.</translation>
    </message>
    <message>
        <source>No hay permiso para leer o escribir en la carpeta de datos.</source>
        <translation>There is no permission to read or write in the data folder.</translation>
    </message>
    <message>
        <source>No se pudo leer una de las bases de datos de origen.</source>
        <translation>One of the source databases could not be read.</translation>
    </message>
    <message>
        <source>No hay memoria suficiente para terminar la tarea.</source>
        <translation>There is not enough memory to finish the task.</translation>
    </message>
    <message>
        <source>Falló una operación de disco o de red.</source>
        <translation>A disk or network operation failed.</translation>
    </message>
    <message>
        <source>Los datos de origen tienen un valor que no se pudo interpretar.</source>
        <translation>The source data has a value that could not be interpreted.</translation>
    </message>
    <message>
        <source>La tarea falló por un error inesperado.</source>
        <translation>The task failed because of an unexpected error.</translation>
    </message>
    <message>
        <source>Tabla</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>No hay permiso para escribir «{name}». Si el archivo está abierto en Excel, ciérrelo y vuelva a intentarlo.</source>
        <translation>There is no permission to write “{name}”. If the file is open in Excel, close it and try again.</translation>
    </message>
    <message>
        <source>No se pudo escribir «{name}» en esa carpeta.</source>
        <translation>“{name}” could not be written in that folder.</translation>
    </message>
    <message>
        <source>({n} aviso al leer)</source>
        <translation>({n} warning while reading)</translation>
    </message>
    <message>
        <source>({n} avisos al leer)</source>
        <translation>({n} warnings while reading)</translation>
    </message>
    <message>
        <source>sin datos</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>El archivo {name} está vacío.</source>
        <translation>The file {name} is empty.</translation>
    </message>
    <message>
        <source>No se encuentra el archivo {name}.</source>
        <translation>The file {name} cannot be found.</translation>
    </message>
    <message>
        <source>{name} es un archivo de texto: no tiene hojas.</source>
        <translation>{name} is a text file: it has no sheets.</translation>
    </message>
    <message>
        <source>{name} no es un libro de Excel (.xlsx) válido.</source>
        <translation>{name} is not a valid Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <source>{name} no tiene la hoja «{sheet}». Hojas: {sheets}.</source>
        <translation>{name} has no sheet “{sheet}”. Sheets: {sheets}.</translation>
    </message>
    <message>
        <source>Propuesta por {who} el {day}</source>
        <translation>Proposed by {who} on {day}</translation>
    </message>
    <message>
        <source>Aplazada por {who} el {day}</source>
        <translation>Deferred by {who} on {day}</translation>
    </message>
    <message>
        <source>Aprobada por {who} el {day}</source>
        <translation>Approved by {who} on {day}</translation>
    </message>
    <message>
        <source>Aprobada por {who} el {day}: en cola para enviar</source>
        <translation>Approved by {who} on {day}: queued to push</translation>
    </message>
    <message>
        <source>Enviada el {day}: {state}</source>
        <translation>Pushed on {day}: {state}</translation>
    </message>
    <message>
        <source>{state} el {day}</source>
        <translation>{state} on {day}</translation>
    </message>
    <message>
        <source>Fusión</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>El sistema tiene otros valores.</source>
        <translation>The system holds other values.</translation>
    </message>
    <message>
        <source>Se quería {wanted}; el sistema tiene {found}.</source>
        <translation>{wanted} was wanted; the system holds {found}.</translation>
    </message>
    <message>
        <source>El registro ya no existe en el sistema.</source>
        <translation>The record no longer exists in the system.</translation>
    </message>
    <message>
        <source>Sigue pendiente: se enviará en el próximo envío.</source>
        <translation>Still pending: it will be sent in the next push.</translation>
    </message>
    <message>
        <source>1 aviso al leer el archivo:</source>
        <translation>1 warning while reading the file:</translation>
    </message>
    <message>
        <source>{n} avisos al leer el archivo:</source>
        <translation>{n} warnings while reading the file:</translation>
    </message>
    <message>
        <source>fila {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>columna {column}</source>
        <translation>column {column}</translation>
    </message>
    <message>
        <source>… y {n} más.</source>
        <translation>… and {n} more.</translation>
    </message>
    <message>
        <source>VIN inválido: {why}</source>
        <translation>Invalid VIN: {why}</translation>
    </message>
    <message>
        <source>Contado {n} veces</source>
        <translation>Counted {n} times</translation>
    </message>
    <message>
        <source>VIN válido</source>
        <translation>Valid VIN</translation>
    </message>
    <message>
        <source>¿Es el que se contó como {vin}?</source>
        <translation>Is it the one counted as {vin}?</translation>
    </message>
    <message>
        <source>Nadie lo contó</source>
        <translation>Nobody counted it</translation>
    </message>
    <message>
        <source>El ERP no tiene este VIN</source>
        <translation>The ERP does not have this VIN</translation>
    </message>
    <message>
        <source>El ERP lo da por entregado</source>
        <translation>The ERP has it as delivered</translation>
    </message>
    <message>
        <source>El ERP lo tiene en tránsito</source>
        <translation>The ERP has it in transit</translation>
    </message>
    <message>
        <source>El ERP lo ubica en {branch}</source>
        <translation>The ERP places it at {branch}</translation>
    </message>
    <message>
        <source>El ERP no le asigna sede</source>
        <translation>The ERP assigns it no branch</translation>
    </message>
    <message>
        <source>VIN inválido</source>
        <translation>Invalid VIN</translation>
    </message>
    <message>
        <source>{why}. ¿Quiso decir {vin}?</source>
        <translation>{why}. Did you mean {vin}?</translation>
    </message>
    <message>
        <source>{why} (así está en el ERP)</source>
        <translation>{why} (as it is in the ERP)</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Vehículo en el ERP</source>
        <translation>Vehicle in the ERP</translation>
    </message>
    <message>
        <source>Estado en el ERP</source>
        <translation>Status in the ERP</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Id ERP</source>
        <translation>ERP id</translation>
    </message>
    <message>
        <source>1 seguimiento propuesto.</source>
        <translation>1 follow-up proposed.</translation>
    </message>
    <message>
        <source>{n} seguimientos propuestos.</source>
        <translation>{n} follow-ups proposed.</translation>
    </message>
    <message>
        <source>Esperan la aprobación de otra persona en «Correcciones» y se envían al CRM con «Enviar aprobadas».</source>
        <translation>They await another person&apos;s approval in “Corrections” and are pushed to the CRM with “Push approved”.</translation>
    </message>
    <message>
        <source>No se propuso ningún seguimiento.</source>
        <translation>No follow-up was proposed.</translation>
    </message>
    <message>
        <source>1 no se propuso: {why}.</source>
        <translation>1 was not proposed: {why}.</translation>
    </message>
    <message>
        <source>{n} no se propusieron: {why}.</source>
        <translation>{n} were not proposed: {why}.</translation>
    </message>
    <message>
        <source>No se pudo escribir {path}: {why}</source>
        <translation>Could not write {path}: {why}</translation>
    </message>
    <message>
        <source>Permitido</source>
        <translation>Allowed</translation>
    </message>
    <message>
        <source>No permitido (Ley 1581)</source>
        <translation>Not allowed (Law 1581)</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Modelo</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Contacto</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>No se propondrá: {why}</source>
        <translation>Will not be proposed: {why}</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Origen</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Prospectos</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Negocios</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>Vendidos CRM</source>
        <translation>Sold in CRM</translation>
    </message>
    <message>
        <source>Facturados ERP</source>
        <translation>Invoiced in ERP</translation>
    </message>
    <message>
        <source>Pagados</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Conversión</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>Facturados en el ERP ÷ prospectos</source>
        <translation>Invoiced in the ERP ÷ leads</translation>
    </message>
    <message>
        <source>Ingresos facturados</source>
        <translation>Revenue invoiced</translation>
    </message>
    <message>
        <source>Ingresos pagados</source>
        <translation>Revenue paid</translation>
    </message>
    <message>
        <source>{month} de {year}</source>
        <translation>{month} {year}</translation>
    </message>
    <message>
        <source>{n} día</source>
        <translation>{n} day</translation>
    </message>
    <message>
        <source>{n} días</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source> días</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Tablero — {view}</source>
        <translation>Dashboard — {view}</translation>
    </message>
    <message>
        <source>Puntaje</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Documento</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Vehículo</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Razones</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>Disponibles</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Días prom.</source>
        <translation>Avg. days</translation>
    </message>
    <message>
        <source>Días en inventario, en promedio</source>
        <translation>Days in stock, on average</translation>
    </message>
    <message>
        <source>Días máx.</source>
        <translation>Max. days</translation>
    </message>
    <message>
        <source>Días de la unidad más antigua: {days}</source>
        <translation>Days of the oldest unit: {days}</translation>
    </message>
    <message>
        <source>Días</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Lenta</source>
        <translation>Slow</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Ingreso</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Año</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>No quedan unidades disponibles.</source>
        <translation>No units are left available.</translation>
    </message>
    <message>
        <source> y </source>
        <translation> and </translation>
    </message>
    <message>
        <source>Queda</source>
        <translation>There is</translation>
    </message>
    <message>
        <source>Quedan</source>
        <translation>There are</translation>
    </message>
    <message>
        <source> (y {n} modelos más)</source>
        <translation> (and {n} more models)</translation>
    </message>
    <message>
        <source>{verb} {list} disponibles para campañas{tail}.</source>
        <translation>{verb} {list} available for campaigns{tail}.</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Tipo de diferencia</source>
        <translation>Kind of difference</translation>
    </message>
    <message>
        <source>Diferencias</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>El dinero que falta, está doble o está mal si nadie actúa</source>
        <translation>The money that is missing, doubled or wrong if nobody acts</translation>
    </message>
    <message>
        <source>Aparte</source>
        <translation>Apart</translation>
    </message>
    <message>
        <source>{label}: se cuenta, pero no está en juego</source>
        <translation>{label}: counted, but not at stake</translation>
    </message>
    <message>
        <source>No existe</source>
        <translation>Does not exist</translation>
    </message>
    <message>
        <source>(sin dato)</source>
        <translation>(no data)</translation>
    </message>
    <message>
        <source>Nombre (CRM / ERP)</source>
        <translation>Name (CRM / ERP)</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Antigüedad</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>{n} registros en el {system}</source>
        <translation>{n} records in the {system}</translation>
    </message>
    <message>
        <source>Id CRM</source>
        <translation>CRM id</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>En el CRM</source>
        <translation>In the CRM</translation>
    </message>
    <message>
        <source>En el ERP</source>
        <translation>In the ERP</translation>
    </message>
    <message>
        <source>Corrección</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>1 hallazgo seleccionado</source>
        <translation>1 finding selected</translation>
    </message>
    <message>
        <source>{n} hallazgos seleccionados</source>
        <translation>{n} findings selected</translation>
    </message>
    <message>
        <source>1 día</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>{state} · responsable: {who}</source>
        <translation>{state} · owner: {who}</translation>
    </message>
    <message>
        <source>{head} · abierta hace {days}</source>
        <translation>{head} · open for {days}</translation>
    </message>
    <message>
        <source>Conciliada a mano por {who} el {day}</source>
        <translation>Matched by hand by {who} on {day}</translation>
    </message>
    <message>
        <source>Explicada por {who} el {day}: {reason} — {comment}</source>
        <translation>Explained by {who} on {day}: {reason} — {comment}</translation>
    </message>
    <message>
        <source>Demostración</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>La credencial se escribe en Conexiones (Ctrl+K) › Editar…</source>
        <translation>The credential is entered in Connections (Ctrl+K) › Edit…</translation>
    </message>
    <message>
        <source>1 aviso al leer las fuentes:</source>
        <translation>1 warning while reading the sources:</translation>
    </message>
    <message>
        <source>{n} avisos al leer las fuentes:</source>
        <translation>{n} warnings while reading the sources:</translation>
    </message>
    <message>
        <source>… y {n} más (el informe JSON de «cuadre reconcile» los trae todos).</source>
        <translation>… and {n} more (the JSON report of “cuadre reconcile” carries them all).</translation>
    </message>
    <message>
        <source>Generando los datos de la demo</source>
        <translation>Generating the demo data</translation>
    </message>
    <message>
        <source>Preparando las tablas</source>
        <translation>Preparing the tables</translation>
    </message>
    <message>
        <source>Terminando</source>
        <translation>Finishing</translation>
    </message>
    <message>
        <source>Leyendo facturas, taller, contratos y seguimientos</source>
        <translation>Reading invoices, workshop, contracts and follow-ups</translation>
    </message>
    <message>
        <source>Guardando la conciliación en el espacio de trabajo</source>
        <translation>Saving the reconciliation in the workspace</translation>
    </message>
    <message>
        <source>Leyendo {entity} del CRM</source>
        <translation>Reading {entity} from the CRM</translation>
    </message>
    <message>
        <source>Leyendo {entity} del ERP</source>
        <translation>Reading {entity} from the ERP</translation>
    </message>
    <message>
        <source>Comparando {entity}</source>
        <translation>Comparing {entity}</translation>
    </message>
    <message>
        <source>Nombre completo</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Teléfono fijo</source>
        <translation>Landline</translation>
    </message>
    <message>
        <source>Archivo(s)</source>
        <translation>File(s)</translation>
    </message>
    <message>
        <source>Base de datos</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>API REST</source>
        <translation>REST API</translation>
    </message>
    <message>
        <source>Odoo</source>
        <translation>Odoo</translation>
    </message>
    <message>
        <source>HubSpot</source>
        <translation>HubSpot</translation>
    </message>
    <message>
        <source>Siigo Nube</source>
        <translation>Siigo Nube</translation>
    </message>
    <message>
        <source>Alegra</source>
        <translation>Alegra</translation>
    </message>
    <message>
        <source>Token (Bearer)</source>
        <translation>Token (Bearer)</translation>
    </message>
    <message>
        <source>Usuario y clave (Basic)</source>
        <translation>User and password (Basic)</translation>
    </message>
    <message>
        <source>Automática</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Página y tamaño</source>
        <translation>Page and size</translation>
    </message>
    <message>
        <source>Desplazamiento y límite</source>
        <translation>Offset and limit</translation>
    </message>
    <message>
        <source>Encabezado Link</source>
        <translation>Link header</translation>
    </message>
    <message>
        <source>Automático</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>XML-RPC (Odoo ≤ 18)</source>
        <translation>XML-RPC (Odoo ≤ 18)</translation>
    </message>
    <message>
        <source>JSON-2 (Odoo 19+)</source>
        <translation>JSON-2 (Odoo 19+)</translation>
    </message>
    <message>
        <source>Volvió a la cola de Correcciones para decidir de nuevo.</source>
        <translation>It went back to the Corrections queue to be decided again.</translation>
    </message>
    <message>
        <source>no se pudo interpretar</source>
        <translation>could not be interpreted</translation>
    </message>
    <message>
        <source>fila sin VIN (se omitió)</source>
        <translation>row without a VIN (skipped)</translation>
    </message>
    <message>
        <source>columna que el conteo no usa</source>
        <translation>column the count does not use</translation>
    </message>
    <message>
        <source>encabezado repetido; se usó otro</source>
        <translation>repeated header; another one was used</translation>
    </message>
    <message>
        <source>caracteres ilegibles</source>
        <translation>unreadable characters</translation>
    </message>
    <message>
        <source>bytes nulos, que se quitaron</source>
        <translation>null bytes, which were removed</translation>
    </message>
    <message>
        <source>valor no válido</source>
        <translation>invalid value</translation>
    </message>
    <message>
        <source>Seguimientos</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Embudo por origen</source>
        <translation>Funnel by source</translation>
    </message>
    <message>
        <source>ene.</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>feb.</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mar.</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>abr.</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>may.</source>
        <translation>May</translation>
    </message>
    <message>
        <source>jun.</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>jul.</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>ago.</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>sep.</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>oct.</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov.</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>dic.</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>enero</source>
        <translation>January</translation>
    </message>
    <message>
        <source>febrero</source>
        <translation>February</translation>
    </message>
    <message>
        <source>marzo</source>
        <translation>March</translation>
    </message>
    <message>
        <source>abril</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mayo</source>
        <translation>May</translation>
    </message>
    <message>
        <source>junio</source>
        <translation>June</translation>
    </message>
    <message>
        <source>julio</source>
        <translation>July</translation>
    </message>
    <message>
        <source>agosto</source>
        <translation>August</translation>
    </message>
    <message>
        <source>septiembre</source>
        <translation>September</translation>
    </message>
    <message>
        <source>octubre</source>
        <translation>October</translation>
    </message>
    <message>
        <source>noviembre</source>
        <translation>November</translation>
    </message>
    <message>
        <source>diciembre</source>
        <translation>December</translation>
    </message>
    <message>
        <source>Renovación</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <source>Inventario</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Resumen</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>columna que no se usa</source>
        <translation>column that is not used</translation>
    </message>
    <message>
        <source>números con formato ambiguo</source>
        <translation>numbers in an ambiguous format</translation>
    </message>
    <message>
        <source>números con formatos mezclados</source>
        <translation>numbers in mixed formats</translation>
    </message>
    <message>
        <source>dígito de verificación que no coincide</source>
        <translation>check digit that does not match</translation>
    </message>
    <message>
        <source>elemento que no es un registro</source>
        <translation>item that is not a record</translation>
    </message>
    <message>
        <source>tipo de documento desconocido</source>
        <translation>unknown document type</translation>
    </message>
    <message>
        <source>ciudad desconocida</source>
        <translation>unknown city</translation>
    </message>
    <message>
        <source>etapa desconocida</source>
        <translation>unknown stage</translation>
    </message>
    <message>
        <source>sin columna de identificador; los registros se nombran por su línea</source>
        <translation>no identifier column; the records are named by their line</translation>
    </message>
    <message>
        <source>registro sin identificador; se nombra por su línea</source>
        <translation>record without an identifier; it is named by its line</translation>
    </message>
    <message>
        <source>número en notación científica de Excel; sus dígitos se perdieron</source>
        <translation>a number in Excel&apos;s scientific notation; its digits were lost</translation>
    </message>
</context>
</TS>
