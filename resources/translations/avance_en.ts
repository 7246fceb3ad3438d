<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_CL">
<context>
    <name>BoardDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="349"/>
        <source>Tablero nacional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="355"/>
        <source>Año de reporte:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="377"/>
        <source>Resolver conflictos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="378"/>
        <source>Muestra las dos versiones de cada registro en conflicto y deja elegir cuál se conserva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="381"/>
        <source>Conflictos abiertos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="410"/>
        <source>Trimestre en curso: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="413"/>
        <source>Ninguna región tiene datos de ese año: no hay resultado del servicio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="416"/>
        <source>Desempeño anual servicio {0} — {1}. Servicio: &lt;b&gt;{2}&lt;/b&gt; (todas las regiones deben llegar al 90 %, nota 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="422"/>
        <source>Sin envíos en {0} ({1} de 16): {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="425"/>
        <source>Todas las regiones enviaron su paquete en {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="428"/>
        <source>Resuélvalos con «Resolver conflictos…» (también en Ver); hasta entonces se conserva la versión actual y no se pierde ninguna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="431"/>
        <source>Ningún conflicto abierto.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardTableModel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="295"/>
        <source>Región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="295"/>
        <source>Clave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="295"/>
        <source>Último paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="295"/>
        <source>Creado por la región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="296"/>
        <source>Este trimestre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="296"/>
        <source>Importado aquí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="308"/>
        <source>inscrita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="310"/>
        <source>n.º {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="313"/>
        <source>(no registrado)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="318"/>
        <source>enviado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="318"/>
        <source>sin envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="331"/>
        <source>Fecha y hora en que la región creó el paquete, firmada por ella</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="333"/>
        <source>Fecha y hora en que esta oficina importó el paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="335"/>
        <source>cumple la barra del 90 % (nota 11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="336"/>
        <source>bajo la barra del 90 % (nota 11)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="113"/>
        <source>Resolver conflictos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="138"/>
        <location filename="../../ui/conflicts_dialog.py" line="234"/>
        <location filename="../../ui/conflicts_dialog.py" line="255"/>
        <source>Campo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="138"/>
        <location filename="../../ui/conflicts_dialog.py" line="234"/>
        <location filename="../../ui/conflicts_dialog.py" line="245"/>
        <source>Versión actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="139"/>
        <location filename="../../ui/conflicts_dialog.py" line="235"/>
        <location filename="../../ui/conflicts_dialog.py" line="246"/>
        <source>Versión entrante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="155"/>
        <source>Conservar la versión actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="156"/>
        <location filename="../../ui/conflicts_dialog.py" line="225"/>
        <source>Conservar la versión entrante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="160"/>
        <source>La versión que no se conserva se descarta. Para escribir otro valor use «avance bundle resolve … --keep valor».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="194"/>
        <source>Ningún conflicto abierto: cada registro tiene una sola versión.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="196"/>
        <source>Hay 1 conflicto abierto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="196"/>
        <source>Hay {0} conflictos abiertos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="198"/>
        <source>{0}: dos instalaciones de una misma región editaron el mismo registro. Hasta que elija, se conserva la versión actual y la otra queda guardada; no se pierde ninguna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="224"/>
        <source>Aceptar la eliminación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="238"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; del programa {1} (conflicto {2}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="241"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; de la región de {1} (conflicto {2}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="248"/>
        <source>elimina el registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="250"/>
        <source>editada el {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="255"/>
        <source>Versión actual (se conserva por ahora)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="256"/>
        <source>Versión entrante (de la otra instalación)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="268"/>
        <source>Las dos versiones tienen los mismos valores; solo difiere la fecha de edición.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsTableModel</name>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Tipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Programa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="51"/>
        <source>Diferencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="81"/>
        <source>la otra instalación lo eliminó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="83"/>
        <source>eliminado aquí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="85"/>
        <source>1 campo distinto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="85"/>
        <source>{0} campos distintos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPreviewDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="194"/>
        <source>Exportar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="195"/>
        <source>Exportar paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="195"/>
        <source>Exportar paquete completo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="197"/>
        <source>&lt;b&gt;Paquete n.º {0}&lt;/b&gt; de la {1} para la {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="201"/>
        <source>Contenido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="201"/>
        <source>Registros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="211"/>
        <source>Eliminaciones (registros borrados aquí)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="214"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="223"/>
        <source>Acuse de recibo: paquetes de la región aplicados hasta el n.º {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="227"/>
        <source>Solo los cambios posteriores al paquete n.º {0}, el último que la oficina central acusó recibir; si un paquete posterior se perdió, sus cambios van también.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="231"/>
        <source>Paquete completo: todos los registros de la región.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="232"/>
        <source>Archivos de medios de verificación: {0} ({1}) que la oficina central aún no tiene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="234"/>
        <source>El paquete va firmado con la clave de esta oficina y cifrado para la {0}: si se pierde, no revela nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="239"/>
        <source>Elegir destino y exportar…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="301"/>
        <source>Región → año → formulario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>Navegador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>Valor no válido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Abriendo la base de datos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327"/>
        <source>Puntaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>Elija una región, un año y un formulario en el navegador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Listo. Los cambios se guardan al editar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="359"/>
        <source>&amp;Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>&amp;Vista previa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Muestra el formulario abierto tal como se imprime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>&amp;Imprimir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>Imprime el formulario abierto en el formato oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369"/>
        <source>&amp;Exportar PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>Guarda el formulario abierto como PDF oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>Imprimir la región (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Exportar la región a PDF (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="379"/>
        <source>Exportar la consolidación nacional a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="380"/>
        <source>Desempeño de cada región por programa, barra del 90 % y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383"/>
        <source>Exportar la nación a PDF (todas las regiones y la consolidación)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>Imprimir la consolidación nacional…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388"/>
        <source>Imprime el desempeño de cada región por programa, la barra del 90 % y el resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>Imprimir la nación (todas las regiones y la consolidación)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="393"/>
        <source>Imprime los formularios de cada región y la consolidación nacional, página por página</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="396"/>
        <source>Exportar Excel de la región…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="397"/>
        <source>Libro Excel con los formularios oficiales, fórmulas vivas y los identificadores para reimportar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>Exportar Excel nacional…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="403"/>
        <source>Importar Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="404"/>
        <source>Importa un libro exportado por Avance o en el formato oficial; todo o nada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="422"/>
        <source>&amp;Papel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="426"/>
        <source>{0} (horizontal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="433"/>
        <source>&amp;Salir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="443"/>
        <source>&amp;Editar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="444"/>
        <source>Deshacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="446"/>
        <source>Rehacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="451"/>
        <source>Marcar «Cumple: Sí»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="452"/>
        <source>Marcar «Cumple: No»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="453"/>
        <source>Quitar «Cumple/no cumple»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="459"/>
        <source>&amp;Ver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="461"/>
        <source>A&amp;yuda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="462"/>
        <source>&amp;Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="549"/>
        <source>El análisis del avance (III.4) no se puntúa: el puntaje está en III.1, III.2 y III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="553"/>
        <location filename="../../ui/main_window.py" line="740"/>
        <location filename="../../ui/main_window.py" line="751"/>
        <location filename="../../ui/main_window.py" line="812"/>
        <location filename="../../ui/main_window.py" line="855"/>
        <source>Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="594"/>
        <source>No se guardó el cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="596"/>
        <source>Editar {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="599"/>
        <source>Guardado: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="619"/>
        <source>Seleccione una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="631"/>
        <source>Papel: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="646"/>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="652"/>
        <source>Cancelando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="657"/>
        <source>Imprimiendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="677"/>
        <source>PDF guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="684"/>
        <source>Impresión cancelada: no se escribió ni imprimió nada más.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="689"/>
        <source>No se pudo imprimir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="704"/>
        <source>Preparando los formularios: región {0} de {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="705"/>
        <source>Leyendo los datos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="707"/>
        <source>Componiendo las páginas: {0} hasta ahora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="708"/>
        <source>Componiendo las páginas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="710"/>
        <source>Escribiendo la página {0} de {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="712"/>
        <source>Enviando la página {0} de {1} a la impresora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="740"/>
        <location filename="../../ui/main_window.py" line="751"/>
        <location filename="../../ui/main_window.py" line="812"/>
        <location filename="../../ui/main_window.py" line="855"/>
        <source>Abra primero un formulario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="742"/>
        <source>todos los formularios de la región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="743"/>
        <source>Preparando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="754"/>
        <source>Preparando los formularios de todas las regiones {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="755"/>
        <source>Preparando la consolidación nacional {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="801"/>
        <source>Enviada 1 página a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="802"/>
        <source>Enviadas {0} páginas a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="805"/>
        <source>Imprimiendo en {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="805"/>
        <source>la impresora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="814"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="819"/>
        <source>Exportar PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="822"/>
        <source>Imprimiendo {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="829"/>
        <source>Exportar la región a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="834"/>
        <source>Imprimiendo los formularios de {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="843"/>
        <source>Exportar a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="847"/>
        <source>Imprimiendo la consolidación nacional {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="846"/>
        <source>Imprimiendo los formularios de todas las regiones {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="861"/>
        <location filename="../../ui/main_window.py" line="868"/>
        <source>Exportar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="861"/>
        <location filename="../../ui/main_window.py" line="877"/>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="866"/>
        <source>Exportando a Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="867"/>
        <source>Excel guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="868"/>
        <source>No se pudo exportar el libro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="877"/>
        <location filename="../../ui/main_window.py" line="886"/>
        <location filename="../../ui/main_window.py" line="906"/>
        <location filename="../../ui/main_window.py" line="910"/>
        <location filename="../../ui/main_window.py" line="922"/>
        <source>Importar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="887"/>
        <source>«{0}» tiene 1 problema; no se importó nada. Corríjalo y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="889"/>
        <source>«{0}» tiene {1} problemas; no se importó nada. Corríjalos y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="897"/>
        <source>La base de datos ya tiene {0}. ¿Reemplazarlo con el contenido del libro?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="900"/>
        <source>Atención: el libro ya no tiene algunos registros que llevan información adjunta. Al reemplazar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="904"/>
        <source>Los registros que siguen en el libro conservan sus medios de verificación y las observaciones de la oficina central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="906"/>
        <source>Reemplazar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="908"/>
        <source>Importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="910"/>
        <source>No se pudo importar el libro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="921"/>
        <source>Revisando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="922"/>
        <source>No se pudo revisar el libro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="928"/>
        <source>Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="930"/>
        <source>&lt;b&gt;Avance&lt;/b&gt; 0.1&lt;br&gt;Programas de trabajo regionales de los sistemas PMG Gestión Territorial y Enfoque de Género (Etapa 3: formularios III.1 a III.4), fuera de línea.&lt;br&gt;&lt;br&gt;Base de datos: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="77"/>
        <source>La base de datos se actualizó a esta versión; copia de respaldo: {0}</source>
        <extracomment>Set by the start-up benchmark to the launch time (``time.time()``): the app prints the milliseconds from launch to the first paint and to the data shown, then quits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="81"/>
        <source>Base de datos nueva: se cargó el ejemplo {0} {1} (semilla 001).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficeSetupDialog</name>
    <message>
        <location filename="../../ui/office_dialog.py" line="58"/>
        <source>Configurar esta instalación</source>
        <extracomment>The shortest passphrase accepted in the window (characters).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="60"/>
        <source>Avance intercambia paquetes firmados y cifrados entre las oficinas regionales y la oficina central. Indique qué oficina es esta instalación; no se puede cambiar después.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="63"/>
        <source>Oficina regional (dirección regional o Seremía)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="64"/>
        <source>Oficina central (nivel central)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="69"/>
        <source>Elija la región…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="81"/>
        <source>Región:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="83"/>
        <source>Frase de paso:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="84"/>
        <source>Repítala:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="86"/>
        <source>La frase de paso protege las claves de esta oficina. Se pide al exportar e importar paquetes y no se guarda en ninguna parte: si se olvida, hay que configurar una instalación nueva.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="90"/>
        <source>Configurar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="93"/>
        <source>Más tarde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="93"/>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="102"/>
        <source>Puede hacerlo después en Archivo → Oficina → Configurar oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="116"/>
        <source>Elija la región de esta oficina regional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="118"/>
        <source>Escriba una frase de paso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="120"/>
        <source>La frase de paso debe tener al menos {0} caracteres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="122"/>
        <source>Las frases de paso no coinciden.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="130"/>
        <source>Vista previa</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PerformanceBar</name>
    <message>
        <location filename="../../ui/scoring_panel.py" line="24"/>
        <source>El programa se valida con un desempeño de 90 % o más (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="41"/>
        <source>Copiar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgrammePage</name>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>Identificación de la instancia de complementariedad</source>
        <extracomment>Column widths in pixels by field, for the form tables.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="244"/>
        <source>Trimestre {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245"/>
        <source>Fecha de medición del análisis del avance («a la fecha»)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="249"/>
        <source>Análisis al:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../../ui/scoring_panel.py" line="82"/>
        <source>Ponderaciones (8):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="83"/>
        <source>Ponderación ganada (10):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="84"/>
        <source>Desempeño anual región (11):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="90"/>
        <source>Advertencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="98"/>
        <source>Seleccione un programa de trabajo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="106"/>
        <source>  (deben sumar 100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="113"/>
        <source>✔ Programa válido: alcanza el 90 % (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="116"/>
        <source>✘ Bajo el 90 %: el programa no se valida (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_actions.py" line="165"/>
        <source>&amp;Oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="119"/>
        <location filename="../../ui/sync_actions.py" line="125"/>
        <location filename="../../ui/sync_actions.py" line="254"/>
        <source>Sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="92"/>
        <source>Configurar oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="93"/>
        <source>Configura esta instalación como oficina regional o central (claves de firma y cifrado)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="94"/>
        <source>Exportar claves públicas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="95"/>
        <source>Archivo de claves públicas para la otra oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="96"/>
        <source>Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="97"/>
        <source>Agrega las claves públicas de otra oficina al almacén de confianza</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="98"/>
        <source>Exportar paquete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="99"/>
        <source>Paquete firmado y cifrado para la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="101"/>
        <source>Exportar paquete completo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="102"/>
        <source>Todos los registros de la región, no solo los cambios: cuando la oficina central lo pide (por ejemplo, tras restaurar una copia de seguridad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="104"/>
        <source>Importar respuesta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="105"/>
        <source>Importa el acuse de recibo y las observaciones de la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="106"/>
        <source>Importar paquetes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="107"/>
        <source>Importa los paquetes de las regiones (varios a la vez)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="108"/>
        <source>Exportar respuesta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="109"/>
        <source>Acuse de recibo y observaciones para una región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="110"/>
        <source>Adjuntar medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="111"/>
        <source>Adjunta un archivo a la actividad seleccionada (también puede arrastrarlo sobre la fila)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="113"/>
        <source>Tablero nacional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="114"/>
        <source>Último paquete de cada región, desempeño regional y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="115"/>
        <source>Resolver conflictos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="116"/>
        <source>Registros editados por dos instalaciones de una región: elija qué versión se conserva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="260"/>
        <source>Frase de paso de la clave de esta oficina:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="262"/>
        <source>Cancelado: no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="279"/>
        <location filename="../../ui/sync_actions.py" line="296"/>
        <source>Configurar oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="280"/>
        <source>Esta instalación ya está configurada: {0}. Huella de su clave: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="286"/>
        <source>Oficina sin configurar: puede hacerlo en Archivo → Oficina → Configurar oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="297"/>
        <source>Oficina configurada: {0}. Huella de su clave: {1}. Exporte sus claves públicas (Archivo → Oficina) y compare la huella por teléfono con la otra oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="300"/>
        <source>Creando las claves de la oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="308"/>
        <location filename="../../ui/sync_actions.py" line="312"/>
        <source>Exportar claves públicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="323"/>
        <source>Firmando las claves públicas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="324"/>
        <source>Claves públicas guardadas en {0}. Huella: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="332"/>
        <source>Incorporar claves de otra oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="336"/>
        <location filename="../../ui/sync_actions.py" line="350"/>
        <location filename="../../ui/sync_actions.py" line="352"/>
        <source>Incorporar claves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="336"/>
        <source>¿De qué región es el archivo?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="353"/>
        <source>Clave de la {0} incorporada. Huella: {1}. Compárela por teléfono con esa oficina antes de intercambiar paquetes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="377"/>
        <location filename="../../ui/sync_actions.py" line="381"/>
        <location filename="../../ui/sync_actions.py" line="394"/>
        <source>Exportar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="378"/>
        <source>Esta oficina no tiene claves de ninguna región: incorpórelas con Archivo → Oficina → Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="382"/>
        <source>¿A qué región responder? (una región con varias instalaciones recibe una respuesta para cada una)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="395"/>
        <source>Exportar paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="395"/>
        <source>Exportar paquete completo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="399"/>
        <source>Esta oficina no tiene la clave de la {0}: incorpore su archivo de claves con Archivo → Oficina → Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="418"/>
        <source>Paquete n.º {0} para la {1} guardado en {2}: {3}, {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="420"/>
        <source>registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="420"/>
        <source>registros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="421"/>
        <source>medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="421"/>
        <source>medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="426"/>
        <source>Firmando y cifrando el paquete n.º {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="433"/>
        <location filename="../../ui/sync_actions.py" line="435"/>
        <source>Importar paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="439"/>
        <location filename="../../ui/sync_actions.py" line="441"/>
        <source>Importar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="466"/>
        <source>{0}: {1}, {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="467"/>
        <location filename="../../ui/sync_actions.py" line="479"/>
        <source>paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="467"/>
        <location filename="../../ui/sync_actions.py" line="479"/>
        <source>paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="468"/>
        <source>importado o ya importado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="468"/>
        <source>importados o ya importados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="469"/>
        <source>rechazado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="469"/>
        <source>rechazados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="471"/>
        <source>Con el rechazado no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="472"/>
        <source>Con los rechazados no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="478"/>
        <source>Verificando e importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="533"/>
        <location filename="../../ui/sync_actions.py" line="536"/>
        <location filename="../../ui/sync_actions.py" line="583"/>
        <source>Adjuntar medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="534"/>
        <source>Seleccione primero una fila de actividad en III.1, III.2 o III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="537"/>
        <source>Todos los archivos (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="552"/>
        <source>Medio de verificación adjunto: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="557"/>
        <source>Guardando el medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="578"/>
        <source>Suelte el archivo sobre una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="584"/>
        <source>¿Adjuntar {0} como medio de verificación de «{1}»?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="585"/>
        <source>Adjuntar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="634"/>
        <source>Resolver conflictos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="638"/>
        <source>¿Conservar la versión actual de {0} «{1}»? La versión de la otra instalación (paquete n.º {2}) se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="641"/>
        <source>¿Eliminar {0} «{1}», como indica el paquete n.º {2} de la otra instalación? La versión actual se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="644"/>
        <source>¿Conservar la versión entrante (paquete n.º {2} de la otra instalación) de {0} «{1}»? La versión actual se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="647"/>
        <source>Conservar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="660"/>
        <source>Conflicto {0} resuelto: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="666"/>
        <source>Resolviendo el conflicto…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <source>Paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <source>Oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <source>N.º</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93"/>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="94"/>
        <source>Contenido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <source>Sobre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>Programa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95"/>
        <source>Observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>Revisión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="97"/>
        <source>Nota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <source>Actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <source>Tamaño</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="98"/>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Resultado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Mensaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="103"/>
        <source>Paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="108"/>
        <source>Revisión de los programas por la oficina central:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="110"/>
        <source>Observaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="111"/>
        <source>Medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="112"/>
        <source>Importaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="125"/>
        <source>Esta instalación aún no está configurada como oficina. Puede seguir trabajando con los datos; para enviar o recibir paquetes use Archivo → Oficina → Configurar oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="128"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Huella de su clave: &lt;tt&gt;{1}&lt;/tt&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="137"/>
        <source>Aún no se ha exportado ningún paquete a la oficina central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="139"/>
        <source>Último paquete enviado: n.º {0}. La oficina central aún no envía su acuse de recibo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="142"/>
        <source>Último paquete enviado: n.º {0}. Acuse de recibo: la oficina central aplicó hasta el n.º {1} y tiene {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145"/>
        <source>medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145"/>
        <source>medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="151"/>
        <source>enviado a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="151"/>
        <source>recibido de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="153"/>
        <source>Ningún paquete enviado ni recibido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="159"/>
        <source>Sin observaciones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="160"/>
        <source>Sin revisiones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="166"/>
        <source>falta el archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="167"/>
        <source>recibido por la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="167"/>
        <source>por enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="172"/>
        <source>Ningún medio de verificación adjunto. Arrastre un archivo sobre una actividad o use Editar → Adjuntar medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="178"/>
        <source>Ninguna importación todavía.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
